#pragma once

#include "images/ImageRef.h"
#include "images/ImageService.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUuid>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace sender {

class EventHistory;
struct EventSample;
class Settings;

// The pictures of the events the engine has seen, for whoever looks at one (the console, the
// monitoring port, the web viewer): the one ImageService of the process ([LUNA], the demo's
// drawings) and where to find an event's picture paths by its id.
//
// Nothing is added per event on the dispatch path: an event is remembered only when it reached a
// watcher (a sample taken for the console or a monitor) or raised an alert, and then only its
// frame, which fan-out and the history already share (no copy, no parse). The refs are parsed
// from the frame when someone asks for a picture of it, and fetched then. The history, when on, is
// the fallback for an event nobody was shown. Lives on the engine's thread.
class EngineImages : public QObject
{
    Q_OBJECT
public:
    // Events remembered by id: the newest samples and the newest alerts, each bounded by count.
    static constexpr int kSampledEvents = 10000;
    static constexpr int kAlertEvents = 1000;
    // The number a path built from a bare sample_id starts with: LUNA PLATFORM 5's API is /6/.
    static constexpr QByteArrayView kLunaApiVersion = "6";

    using Done = std::function<void(const images::ImageResult &)>;

    explicit EngineImages(const EventHistory *history, QObject *parent = nullptr);
    // Answers every request still waiting (Unavailable: the engine stopped).
    ~EngineImages() override;

    // [LUNA] (and the demo's drawings when the demo runs) as a new ImageService; requests still
    // waiting on the old one are answered Unavailable. False (and *error) when it cannot be used.
    bool configure(const Settings &settings, QString *error);

    // An event a watcher was given / an alert's event.
    void rememberSample(const EventSample &sample);
    void rememberAlert(const QUuid &account, const QJsonObject &event);

    // The picture `slot` of the event, through the service; `done` runs on this thread, once
    // (synchronously when there is nothing to fetch).
    void request(const QUuid &eventId, images::ImageSlot slot, Done done);

    const images::ImageService *service() const { return m_service.get(); }
    int rememberedCount() const { return int(m_samples.byId.size() + m_alerts.byId.size()); }

private:
    struct Known
    {
        QUuid account;
        QByteArray frame; // a sample's: shared with fan-out, parsed when asked
        QJsonObject event; // an alert's: already parsed
    };
    // Bounded by count, the oldest forgotten first; an id seen again keeps its place.
    struct Recent
    {
        explicit Recent(int cap)
            : cap(cap)
        { }
        void insert(const QUuid &id, Known known);
        int cap;
        QHash<QUuid, Known> byId;
        std::deque<QUuid> order;
    };
    struct Found
    {
        QUuid account;
        images::EventImageRefs refs;
    };
    std::optional<Found> find(const QUuid &eventId) const;
    void answerWaiting(const QString &why);

    const EventHistory *m_history;
    std::unique_ptr<images::ImageService> m_service;
    Recent m_samples {kSampledEvents};
    Recent m_alerts {kAlertEvents};
    QHash<quint64, Done> m_waiting; // handed to the service, not answered yet
    quint64 m_nextWaiting = 0;
};

} // namespace sender
