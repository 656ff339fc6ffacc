#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
#include <list>

namespace sender::images {

enum class ImageStatus : quint8 {
    Ok,
    NoImage, // the event has no such picture
    Refused, // the event named one that is not followed (not a path under the origin)
    NotConfigured, // no LUNA origin, and not a demo picture
    Busy, // too many fetches waiting: try again
    Timeout,
    TooLarge,
    NotAnImage,
    NotFound,
    Unavailable, // the origin is down, refused the connection or the credential, or answered an
                 // error
};
QLatin1StringView imageStatusName(ImageStatus status);

struct ImageResult
{
    ImageStatus status = ImageStatus::Unavailable;
    QByteArray contentType; // image/png, image/jpeg, image/gif or image/webp when Ok
    QByteArray bytes;
    QString detail; // for people: why there is no picture (never a secret)
};

// The pictures fetched lately, bounded by bytes, count and age (least recently used go first).
// Failures are kept too, for a short time, so that a down origin is not asked again by every
// viewer. The clock is milliseconds of a monotonic clock.
class ImageCache
{
public:
    struct Limits
    {
        qint64 maxBytes = 64 << 20;
        int maxCount = 2000;
        qint64 maxAgeMs = 600'000;
        qint64 failureAgeMs = 15'000;
    };
    ImageCache(Limits limits, std::function<qint64()> clock);

    const ImageResult *find(const QByteArray &key);
    void insert(const QByteArray &key, const ImageResult &result);

    qint64 bytes() const { return m_bytes; }
    int count() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        QByteArray key;
        ImageResult result;
        qint64 expiresAt;
    };
    void eraseEntry(std::list<Entry>::iterator it);

    Limits m_limits;
    std::function<qint64()> m_clock;
    std::list<Entry> m_entries; // most recently used first
    QHash<QByteArray, std::list<Entry>::iterator> m_index;
    qint64 m_bytes = 0;
};

} // namespace sender::images
