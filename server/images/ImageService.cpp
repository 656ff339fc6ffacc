#include "images/ImageService.h"

#include "config/HttpOrigin.h"
#include "images/ImageRef.h"
#include "images/SyntheticPortrait.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

Q_LOGGING_CATEGORY(lcImages, "sender.images")

namespace sender::images {

QByteArray agreedImageType(const QByteArray &contentType, QByteArrayView bytes)
{
    const QByteArray declared = contentType.split(';').constFirst().trimmed().toLower();
    const QByteArray sniffed = sniffImageType(bytes);
    return !sniffed.isEmpty() && sniffed == declared ? sniffed : QByteArray();
}

QByteArray sniffImageType(QByteArrayView bytes)
{
    if (bytes.startsWith(QByteArrayView("\x89PNG\r\n\x1a\n", 8)))
        return "image/png";
    if (bytes.startsWith("\xff\xd8\xff"))
        return "image/jpeg";
    if (bytes.startsWith("GIF87a") || bytes.startsWith("GIF89a"))
        return "image/gif";
    if (bytes.size() >= 12 && bytes.startsWith("RIFF") && bytes.sliced(8, 4) == "WEBP")
        return "image/webp";
    return {};
}

QString validateImageSettings(const ImageSettings &s)
{
    if (!s.origin.isEmpty()) {
        if (const QString problem = httpOriginProblem(s.origin); !problem.isEmpty())
            return QStringLiteral("API_ORIGIN ") + problem;
    }
    if (s.timeoutMs < 100 || s.timeoutMs > 60'000)
        return QStringLiteral("the image timeout must be 100 ms to 60 s");
    if (s.maxBytes < 1024 || s.maxBytes > (64 << 20))
        return QStringLiteral("the image size cap must be 1 KiB to 64 MiB");
    if (s.cache.maxBytes < 0 || s.cache.maxCount < 0 || s.cache.maxAgeMs < 0)
        return QStringLiteral("the image cache limits must not be negative");
    if (s.maxFetches < 1 || s.maxFetches > 64 || s.maxWaiting < 0 || s.maxWaiting > 4096)
        return QStringLiteral("the image fetch limits are out of range");
    return {};
}

ImageService::ImageService(ImageSettings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_cache(m_settings.cache, [this] { return now(); })
{
    m_elapsed.start();
    if (hasOrigin()) {
        m_network = new QNetworkAccessManager(this);
        m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_network->setCookieJar(nullptr);
    }
}

ImageService::~ImageService() = default;

void ImageService::setClockForTesting(std::function<qint64()> clock)
{
    m_clock = std::move(clock);
}

qint64 ImageService::now() const
{
    return m_clock ? m_clock() : m_elapsed.elapsed();
}

void ImageService::fetch(const QByteArray &path, const QByteArray &account, QObject *context,
                         Callback callback)
{
    const QByteArray key = account + ' ' + path;
    auto pending = std::make_shared<Pending>();
    pending->path = path;
    pending->account = account;
    pending->waiters.push_back({context, std::move(callback)});

    auto later = [this, pending](ImageResult result) {
        QMetaObject::invokeMethod(
            this, [this, pending, result] { answer(pending, result); }, Qt::QueuedConnection);
    };
    if (const ImageResult *cached = m_cache.find(key))
        return later(*cached);
    if (const auto found = m_pending.constFind(key); found != m_pending.constEnd()) {
        (*found)->waiters.push_back(std::move(pending->waiters.front()));
        return;
    }

    const qsizetype slash = path.lastIndexOf('/');
    if (m_settings.demoImages) {
        if (const auto demo = parseDemoImageId(QByteArrayView(path).sliced(slash + 1))) {
            ImageResult result {ImageStatus::Ok, "image/png", renderDemoImage(*demo), {}};
            m_cache.insert(key, result);
            return later(result);
        }
    }
    if (!hasOrigin())
        return later({ImageStatus::NotConfigured,
                      {},
                      {},
                      QStringLiteral("no LUNA origin is configured ([LUNA] API_ORIGIN)")});
    if (int(m_queue.size()) >= m_settings.maxWaiting)
        return later({ImageStatus::Busy, {}, {}, QStringLiteral("too many pictures are waiting")});
    m_pending.insert(key, pending);
    m_queue.push_back(pending);
    startNext();
}

void ImageService::answer(const std::shared_ptr<Pending> &pending, const ImageResult &result)
{
    std::vector<Waiter> waiters;
    waiters.swap(pending->waiters);
    for (Waiter &w : waiters) {
        if (w.context)
            w.callback(result);
    }
}

void ImageService::startNext()
{
    while (m_inFlight < m_settings.maxFetches && !m_queue.empty()) {
        std::shared_ptr<Pending> pending = m_queue.front();
        m_queue.pop_front();
        startFetch(pending);
    }
}

void ImageService::startFetch(const std::shared_ptr<Pending> &pending)
{
    QUrl url = m_settings.origin;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    // The path passed safeLunaPath(): ASCII digits, letters, '-' and '/' only.
    url.setPath(base + QString::fromLatin1(pending->path), QUrl::StrictMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_settings.timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "image/jpeg, image/png, image/webp, image/gif");
    if (!pending->account.isEmpty())
        request.setRawHeader("Luna-Account-Id", pending->account);
    if (!m_settings.token.isEmpty())
        request.setRawHeader("X-Auth-Token", m_settings.token);

    ++m_inFlight;
    ++m_originRequests;
    pending->started = true;
    QNetworkReply *reply = m_network->get(request);
    reply->setReadBufferSize(64 * 1024);
    auto body = std::make_shared<QByteArray>();
    auto tooLarge = std::make_shared<bool>(false);
    const qint64 cap = m_settings.maxBytes;
    connect(reply, &QNetworkReply::readyRead, this, [reply, body, tooLarge, cap] {
        // Reserved as bytes arrive; a Content-Length over the cap is refused before any body.
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > cap) {
            *tooLarge = true;
            reply->abort();
            return;
        }
        const QByteArray chunk = reply->read(cap + 1 - body->size());
        body->append(chunk);
        if (body->size() > cap) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, pending, body, tooLarge] {
        finishFetch(reply, pending, body, tooLarge);
    });
}

void ImageService::finishFetch(QNetworkReply *reply, const std::shared_ptr<Pending> &pending,
                               const std::shared_ptr<QByteArray> &body,
                               const std::shared_ptr<bool> &tooLarge)
{
    reply->deleteLater();
    if (!*tooLarge && reply->isOpen() && body->size() <= m_settings.maxBytes)
        body->append(reply->read(m_settings.maxBytes + 1 - body->size()));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    ImageResult result;
    if (*tooLarge || body->size() > m_settings.maxBytes) {
        result = {ImageStatus::TooLarge,
                  {},
                  {},
                  QStringLiteral("the picture is larger than %1 bytes").arg(m_settings.maxBytes)};
    } else if (reply->error() == QNetworkReply::OperationCanceledError
               || reply->error() == QNetworkReply::TimeoutError) {
        result = {ImageStatus::Timeout,
                  {},
                  {},
                  QStringLiteral("the LUNA origin did not answer within %1 ms")
                      .arg(m_settings.timeoutMs)};
    } else if (status == 404) {
        result = {
            ImageStatus::NotFound, {}, {}, QStringLiteral("the LUNA origin has no such picture")};
    } else if (status >= 300 && status < 400) {
        result = {
            ImageStatus::Unavailable,
            {},
            {},
            QStringLiteral("the LUNA origin answered a redirect (%1); not followed").arg(status)};
    } else if (status == 401 || status == 403) {
        result = {ImageStatus::Unavailable,
                  {},
                  {},
                  QStringLiteral("the LUNA origin refused the credential (%1)").arg(status)};
    } else if (status < 200 || status >= 300 || reply->error() != QNetworkReply::NoError) {
        result = {ImageStatus::Unavailable,
                  {},
                  {},
                  status ? QStringLiteral("the LUNA origin answered %1").arg(status)
                         : QStringLiteral("the LUNA origin cannot be reached")};
    } else {
        const QByteArray type =
            agreedImageType(reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(), *body);
        if (type.isEmpty())
            result = {ImageStatus::NotAnImage,
                      {},
                      {},
                      QStringLiteral("the LUNA origin did not answer a picture")};
        else
            result = {ImageStatus::Ok, type, *body, {}};
    }
    if (result.status != ImageStatus::Ok)
        qCDebug(lcImages).noquote() << "no picture for" << pending->path << ':' << result.detail;

    m_pending.remove(pending->account + ' ' + pending->path);
    m_cache.insert(pending->account + ' ' + pending->path, result);
    --m_inFlight;
    answer(pending, result);
    startNext();
}

} // namespace sender::images
