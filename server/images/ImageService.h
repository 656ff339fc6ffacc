#pragma once

#include "images/ImageCache.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace sender::images {

struct ImageSettings
{
    QUrl origin; // http(s)://host[:port][/base]; empty: no LUNA origin
    QByteArray token; // sent as X-Auth-Token; read from a file, never logged
    int timeoutMs = 5000;
    qint64 maxBytes = 4 << 20;
    ImageCache::Limits cache;
    int maxFetches = 4; // requests to the origin at once
    int maxWaiting = 64; // pictures waiting for a fetch slot; more are answered Busy
    bool demoImages = false; // answer the demo source's ids with drawn pictures
};

// Checks what a configuration gives: an origin that cannot be used is an error (the message
// never holds the credential), so is a limit out of range. Empty when usable.
QString validateImageSettings(const ImageSettings &settings);

// Fetches the pictures events name, on request only (a viewer asked for one): from the demo's
// drawing when it is a demo id, else from the LUNA origin, with a timeout, a size cap, image
// content types only (and the bytes must be one: PNG, JPEG, GIF or WebP), redirects never followed,
// a bounded cache, one fetch per path however many viewers ask, and at most maxFetches at once.
// Lives in one thread; fetch() calls back in it, never synchronously.
class ImageService : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ImageResult &)>;

    explicit ImageService(ImageSettings settings, QObject *parent = nullptr);
    ~ImageService() override;

    // path: a safeLunaPath() result; account: the event's account (Luna-Account-Id). The callback
    // runs unless context is destroyed first.
    void fetch(const QByteArray &path, const QByteArray &account, QObject *context,
               Callback callback);

    bool hasOrigin() const { return m_settings.origin.isValid() && !m_settings.origin.isEmpty(); }
    const ImageCache &cache() const { return m_cache; }
    quint64 originRequests() const { return m_originRequests; }
    int fetchesInFlight() const { return m_inFlight; }

    void setClockForTesting(std::function<qint64()> clock);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback callback;
    };
    struct Pending
    {
        QByteArray path;
        QByteArray account;
        std::vector<Waiter> waiters;
        bool started = false;
    };

    void answer(const std::shared_ptr<Pending> &pending, const ImageResult &result);
    void startNext();
    void startFetch(const std::shared_ptr<Pending> &pending);
    void finishFetch(QNetworkReply *reply, const std::shared_ptr<Pending> &pending,
                     const std::shared_ptr<QByteArray> &body,
                     const std::shared_ptr<bool> &tooLarge);
    qint64 now() const;

    ImageSettings m_settings;
    QElapsedTimer m_elapsed;
    std::function<qint64()> m_clock;
    ImageCache m_cache;
    QNetworkAccessManager *m_network = nullptr;
    QHash<QByteArray, std::shared_ptr<Pending>> m_pending; // by cache key
    std::deque<std::shared_ptr<Pending>> m_queue; // not started yet
    int m_inFlight = 0;
    quint64 m_originRequests = 0;
};

// What the bytes are, from their first bytes: image/png, image/jpeg, image/gif, image/webp or
// empty.
QByteArray sniffImageType(QByteArrayView bytes);
// The picture type of an answer whose Content-Type (parameters ignored) and bytes agree; empty
// when they do not (a lying type is not passed on, by the service or by a console reading it).
QByteArray agreedImageType(const QByteArray &contentType, QByteArrayView bytes);

} // namespace sender::images
