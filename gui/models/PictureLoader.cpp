#include "gui/models/PictureLoader.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QLoggingCategory>
#include <QMutex>
#include <QPainter>
#include <QPainterPath>
#include <QRunnable>
#include <QThreadPool>
#include <QTimer>

namespace sender {

Q_LOGGING_CATEGORY(lcPictures, "sender.gui.pictures")

using images::ImageResult;
using images::ImageStatus;

// What the feed's callbacks and the decoders hold instead of the loader: they run on other
// threads and may finish after the loader is gone. Under the mutex the loader cannot go away, so
// what is posted to it while `target` is set is either delivered or dropped with it by Qt.
struct PictureLoader::Relay
{
    QMutex mutex;
    PictureLoader *target = nullptr;
    QThreadPool *decoders = nullptr;
    qreal pixelRatio = 1;
    int maxSide = 4096;
};

namespace {

// The decoded picture at most `height` high (and twice as wide), at the screen's pixel ratio.
QImage scaledTo(const QImage &image, int height, qreal ratio)
{
    const QSize box(qRound(height * 2 * ratio), qRound(height * ratio));
    QImage scaled = image.width() <= box.width() && image.height() <= box.height()
        ? image
        : image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    scaled.setDevicePixelRatio(ratio);
    return scaled;
}

bool isPassing(ImageStatus status)
{
    return status == ImageStatus::Busy || status == ImageStatus::Timeout
        || status == ImageStatus::Unavailable;
}

struct Decoded
{
    QImage view;
    QImage thumbnail;
    QString error;
};

Decoded decode(const QByteArray &bytes, int maxSide, qreal ratio)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    // Never decode what would take more memory than a picture on this screen can use: the size
    // is in the header, read before any pixel.
    const QSize size = reader.size();
    if (size.isValid() && (size.width() > maxSide || size.height() > maxSide))
        return {{},
                {},
                PictureLoader::tr("the picture is %1 × %2, larger than the console shows")
                    .arg(size.width())
                    .arg(size.height())};
    const QImage image = reader.read();
    if (image.isNull())
        return {{}, {}, PictureLoader::tr("the console cannot read this picture")};
    return {scaledTo(image, PictureLoader::kViewHeight, ratio),
            scaledTo(image, PictureLoader::kThumbnailHeight, ratio),
            {}};
}

} // namespace

PictureLoader::PictureLoader(Requester requester, QObject *parent)
    : PictureLoader(std::move(requester), Limits(), parent)
{ }

PictureLoader::PictureLoader(Requester requester, Limits limits, QObject *parent)
    : QObject(parent)
    , m_request(std::move(requester))
    , m_limits(limits)
    , m_relay(std::make_shared<Relay>())
    , m_decoders(new QThreadPool(this))
    , m_retry(new QTimer(this))
{
    qRegisterMetaType<Key>();
    // One decoder: pictures are small, and the machine's cores belong to the engine first.
    m_decoders->setMaxThreadCount(1);
    m_decoders->setObjectName(QStringLiteral("pictureDecoders"));
    m_relay->target = this;
    m_relay->decoders = m_decoders;
    m_pixelRatio = qGuiApp ? qGuiApp->devicePixelRatio() : 1;
    m_relay->pixelRatio = m_pixelRatio;
    m_relay->maxSide = limits.maxSide;
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &PictureLoader::pump);
    m_clock.start();
}

PictureLoader::~PictureLoader()
{
    {
        QMutexLocker lock(&m_relay->mutex);
        m_relay->target = nullptr;
        m_relay->decoders = nullptr;
    }
    m_decoders->clear();
    m_decoders->waitForDone();
}

void PictureLoader::want(const void *shower, const QList<Key> &keys, Priority priority)
{
    if (keys.isEmpty())
        m_wanted.remove(shower);
    else
        m_wanted.insert(shower, {keys, priority});
    pump();
}

bool PictureLoader::isWanted(const Key &key) const
{
    for (const Wanted &w : m_wanted) {
        if (w.keys.contains(key))
            return true;
    }
    return false;
}

bool PictureLoader::needsRequest(const Key &key) const
{
    if (key.event.isNull() || m_inFlight.contains(key))
        return false;
    const auto it = m_index.constFind(key);
    if (it == m_index.cend())
        return true;
    const Entry &entry = **it;
    return entry.retryAt >= 0 && m_clock.elapsed() >= entry.retryAt;
}

void PictureLoader::pump()
{
    // The queue is rebuilt from what is wanted now: a picture nobody shows any more is dropped
    // before it is asked for.
    m_queue.clear();
    QSet<Key> queued;
    qint64 nextRetry = -1;
    for (const Priority priority : {Priority::Selected, Priority::Visible}) {
        for (const Wanted &w : std::as_const(m_wanted)) {
            if (w.priority != priority)
                continue;
            for (const Key &key : w.keys) {
                if (queued.contains(key))
                    continue;
                if (needsRequest(key)) {
                    queued.insert(key);
                    m_queue.push_back(key);
                } else if (const auto it = m_index.constFind(key);
                           it != m_index.cend() && (*it)->retryAt >= 0) {
                    nextRetry = nextRetry < 0 ? (*it)->retryAt : qMin(nextRetry, (*it)->retryAt);
                }
            }
        }
    }
    while (!m_queue.empty() && int(m_inFlight.size()) < m_limits.maxInFlight) {
        const Key key = m_queue.front();
        m_queue.pop_front();
        send(key);
    }
    if (nextRetry >= 0)
        scheduleRetry(nextRetry);
}

void PictureLoader::scheduleRetry(qint64 at)
{
    const int in = int(qMax<qint64>(0, at - m_clock.elapsed()));
    if (!m_retry->isActive() || m_retry->remainingTime() > in)
        m_retry->start(in);
}

void PictureLoader::send(const Key &key)
{
    if (!m_request)
        return;
    m_inFlight.insert(key);
    ++m_requestsSent;
    Q_EMIT requested(key);
    // On the feed's thread (the engine's, for a local one): nothing heavy here, the bytes go to
    // the decoder and the answer back to the GUI thread.
    m_request(key.event, key.slot, [relay = m_relay, key](const ImageResult &result) {
        QMutexLocker lock(&relay->mutex);
        if (!relay->target)
            return;
        if (result.status != ImageStatus::Ok) {
            QMetaObject::invokeMethod(
                relay->target,
                [target = relay->target, key, result] { target->received(key, result); },
                Qt::QueuedConnection);
            return;
        }
        const qreal ratio = relay->pixelRatio;
        const int maxSide = relay->maxSide;
        relay->decoders->start([relay, key, bytes = result.bytes, ratio, maxSide] {
            const Decoded d = decode(bytes, maxSide, ratio);
            QMutexLocker posting(&relay->mutex);
            if (!relay->target)
                return;
            QMetaObject::invokeMethod(
                relay->target,
                [target = relay->target, key, d] {
                    Picture picture;
                    if (d.view.isNull()) {
                        picture.state = State::Failed;
                        picture.status = ImageStatus::NotAnImage;
                        picture.detail = d.error;
                    } else {
                        picture.state = State::Ready;
                        picture.status = ImageStatus::Ok;
                        picture.view = QPixmap::fromImage(d.view);
                        picture.thumbnail = QPixmap::fromImage(d.thumbnail);
                    }
                    target->decoded(key, picture);
                },
                Qt::QueuedConnection);
        });
    });
}

void PictureLoader::received(const Key &key, const ImageResult &result)
{
    Picture picture;
    picture.state = State::Failed;
    picture.status = result.status;
    picture.detail = result.detail;
    decoded(key, picture);
}

void PictureLoader::decoded(const Key &key, const Picture &picture)
{
    m_inFlight.remove(key);
    if (picture.state == State::Failed)
        qCDebug(lcPictures) << "no picture" << key.event << images::imageSlotName(key.slot)
                            << images::imageStatusName(picture.status) << picture.detail;
    store(key, picture);
    Q_EMIT pictureChanged(key);
    pump();
}

void PictureLoader::store(const Key &key, const Picture &picture)
{
    if (const auto it = m_index.constFind(key); it != m_index.cend()) {
        m_bytes -= (*it)->bytes;
        m_entries.erase(*it);
        m_index.erase(it);
    }
    Entry entry {key, picture, -1, 0};
    auto bytesOf = [](const QPixmap &p) {
        return qint64(p.width()) * p.height() * p.depth() / 8;
    };
    entry.bytes = bytesOf(picture.view) + bytesOf(picture.thumbnail);
    if (picture.state == State::Failed && isPassing(picture.status))
        entry.retryAt = m_clock.elapsed() + m_limits.retryMs;
    m_entries.push_front(std::move(entry));
    m_index.insert(key, m_entries.begin());
    m_bytes += m_entries.front().bytes;
    trim();
}

void PictureLoader::trim()
{
    while (!m_entries.empty()
           && (int(m_entries.size()) > m_limits.maxCount || m_bytes > m_limits.maxBytes)) {
        // The least recently shown goes, unless it is the only one (a single picture above the
        // byte bound is still shown while it is the newest).
        if (m_entries.size() == 1)
            break;
        const Entry &last = m_entries.back();
        m_bytes -= last.bytes;
        m_index.remove(last.key);
        m_entries.pop_back();
    }
}

PictureLoader::Picture PictureLoader::picture(const Key &key) const
{
    if (key.event.isNull()) {
        Picture none;
        none.state = State::Failed;
        none.status = ImageStatus::NoImage;
        return none;
    }
    if (const auto it = m_index.constFind(key); it != m_index.cend())
        return (*it)->picture;
    Picture unknown;
    unknown.state = m_inFlight.contains(key) || isWanted(key) ? State::Loading : State::Unknown;
    return unknown;
}

PictureLoader::Picture PictureLoader::touch(const Key &key)
{
    if (const auto it = m_index.find(key); it != m_index.end() && *it != m_entries.begin())
        m_entries.splice(m_entries.begin(), m_entries, *it);
    return picture(key);
}

QString PictureLoader::reason(const Picture &picture)
{
    switch (picture.state) {
    case State::Unknown:
    case State::Loading:
        return tr("loading…");
    case State::Ready:
        return {};
    case State::Failed:
        break;
    }
    switch (picture.status) {
    case ImageStatus::Ok:
        return {};
    case ImageStatus::NoImage:
        return tr("no picture");
    case ImageStatus::Refused:
        return tr("not followed");
    case ImageStatus::NotConfigured:
        return tr("LUNA not configured");
    case ImageStatus::Busy:
        return tr("busy, retrying");
    case ImageStatus::Timeout:
        return tr("origin timed out");
    case ImageStatus::TooLarge:
        return tr("too large");
    case ImageStatus::NotAnImage:
        return tr("not a picture");
    case ImageStatus::NotFound:
        return tr("not found");
    case ImageStatus::Unavailable:
        break;
    }
    return tr("origin unavailable");
}

} // namespace sender

namespace sender {

QPixmap PictureLoader::placeholder(QSize size, const QString &reason)
{
    const QString key = QStringLiteral("%1x%2 %3").arg(size.width()).arg(size.height()).arg(reason);
    if (const auto it = m_placeholders.constFind(key); it != m_placeholders.cend())
        return *it;
    QPixmap tile(size * m_pixelRatio);
    tile.setDevicePixelRatio(m_pixelRatio);
    tile.fill(Qt::transparent);
    QPainter p(&tile);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(QPointF(0, 0), QSizeF(size)).adjusted(0.5, 0.5, -0.5, -0.5);
    p.setPen(QColor(0xb0, 0xb4, 0xba));
    p.setBrush(QColor(0xe8, 0xea, 0xed));
    p.drawRoundedRect(box, 4, 4);
    // A head and shoulders in outline: a picture belongs here, and there is none.
    const qreal unit = qMin(box.width(), box.height()) / 4;
    const QPointF centre(box.center().x(), box.top() + box.height() * 0.38);
    p.setPen(QPen(QColor(0xc6, 0xca, 0xcf), qMax(1.0, unit / 6)));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(centre, unit * 0.8, unit);
    QPainterPath shoulders;
    shoulders.moveTo(centre.x() - unit * 1.7, box.bottom() - 1);
    shoulders.cubicTo(centre.x() - unit * 1.6, centre.y() + unit * 1.3, centre.x() + unit * 1.6,
                      centre.y() + unit * 1.3, centre.x() + unit * 1.7, box.bottom() - 1);
    p.drawPath(shoulders);
    // The reason over it, as large as fits.
    QFont font = p.font();
    font.setPixelSize(qBound(7, size.height() / 6, 13));
    p.setFont(font);
    p.setPen(QColor(0x44, 0x48, 0x4e));
    p.drawText(box.adjusted(2, 2, -2, -2), Qt::AlignCenter | Qt::TextWordWrap, reason);
    p.end();
    if (m_placeholders.size() >= 64)
        m_placeholders.clear(); // never more than a screenful of sizes and reasons
    m_placeholders.insert(key, tile);
    return tile;
}

} // namespace sender
