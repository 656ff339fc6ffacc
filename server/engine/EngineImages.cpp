#include "engine/EngineImages.h"

#include "events/EventMessage.h"
#include "history/EventHistory.h"
#include "images/ImageConfig.h"
#include "snapshots/EngineSnapshot.h"
#include "util/StrictUuid.h"

#include <QJsonDocument>

namespace sender {

using images::ImageResult;
using images::ImageStatus;

namespace {

images::EventImageRefs refsOfFrame(const QByteArray &frame)
{
    const std::shared_ptr<const EventMessage> message = EventMessage::fromFrame(frame);
    if (!message || message->eventCount() < 1)
        return {};
    const QJsonObject event = QJsonDocument::fromJson(message->eventJson(0).toByteArray()).object();
    return images::imageRefsOf(event, EngineImages::kLunaApiVersion);
}

} // namespace

void EngineImages::Recent::insert(const QUuid &id, Known known)
{
    const auto it = byId.find(id);
    if (it != byId.end()) {
        *it = std::move(known);
        return;
    }
    byId.insert(id, std::move(known));
    order.push_back(id);
    while (qsizetype(order.size()) > cap) {
        byId.remove(order.front());
        order.pop_front();
    }
}

EngineImages::EngineImages(const EventHistory *history, QObject *parent)
    : QObject(parent)
    , m_history(history)
{ }

EngineImages::~EngineImages()
{
    answerWaiting(QStringLiteral("the engine stopped"));
}

void EngineImages::answerWaiting(const QString &why)
{
    // The service goes first, so none of its callbacks can run while these are answered.
    m_service.reset();
    QHash<quint64, Done> waiting;
    waiting.swap(m_waiting);
    for (const Done &done : std::as_const(waiting))
        done({ImageStatus::Unavailable, {}, {}, why});
}

bool EngineImages::configure(const Settings &settings, QString *error)
{
    std::optional<images::ImageSettings> s = images::imageSettingsFrom(settings, error);
    if (!s)
        return false;
    answerWaiting(QStringLiteral("the picture settings changed: ask again"));
    m_service = std::make_unique<images::ImageService>(std::move(*s));
    return true;
}

void EngineImages::rememberSample(const EventSample &sample)
{
    if (!sample.message || sample.index >= sample.message->eventCount())
        return;
    const std::optional<QUuid> id =
        parseStrictUuid(sample.message->attributes(sample.index).eventId);
    if (!id)
        return; // the monitoring route names events by UUID only
    m_samples.insert(*id, {sample.account, sample.message->frame(sample.index), {}});
}

void EngineImages::rememberAlert(const QUuid &account, const QJsonObject &event)
{
    const std::optional<QUuid> id =
        parseStrictUuid(event.value(QLatin1StringView("event_id")).toString().toLatin1());
    if (id)
        m_alerts.insert(*id, {account, {}, event});
}

std::optional<EngineImages::Found> EngineImages::find(const QUuid &eventId) const
{
    for (const Recent *recent : {&m_alerts, &m_samples}) {
        const auto it = recent->byId.constFind(eventId);
        if (it == recent->byId.constEnd())
            continue;
        if (!it->frame.isEmpty())
            return Found {it->account, refsOfFrame(it->frame)};
        return Found {it->account, images::imageRefsOf(it->event, kLunaApiVersion)};
    }
    if (m_history) {
        if (const std::optional<HistoryEvent> e = m_history->find(eventId))
            return Found {e->account, refsOfFrame(e->message->frame(0))};
    }
    return std::nullopt;
}

void EngineImages::request(const QUuid &eventId, images::ImageSlot slot, Done done)
{
    const std::optional<Found> found = find(eventId);
    if (!found) {
        done({ImageStatus::NoImage,
              {},
              {},
              QStringLiteral("the service has not seen this event, or no longer holds it")});
        return;
    }
    const images::ImageRef &ref = found->refs.slot(slot);
    if (ref.path.isEmpty()) {
        if (!ref.refused.isEmpty())
            done({ImageStatus::Refused, {}, {}, ref.refused});
        else
            done({ImageStatus::NoImage,
                  {},
                  {},
                  QStringLiteral("the event has no %1 picture").arg(images::imageSlotName(slot))});
        return;
    }
    if (!m_service) {
        done({ImageStatus::Unavailable, {}, {}, QStringLiteral("the engine is not running")});
        return;
    }
    const quint64 id = m_nextWaiting++;
    m_waiting.insert(id, std::move(done));
    m_service->fetch(ref.path, found->account.toString(QUuid::WithoutBraces).toLatin1(), this,
                     [this, id](const ImageResult &result) {
                         if (const Done answer = m_waiting.take(id))
                             answer(result);
                     });
}

} // namespace sender
