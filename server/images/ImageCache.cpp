#include "images/ImageCache.h"

namespace sender::images {

QLatin1StringView imageStatusName(ImageStatus status)
{
    switch (status) {
    case ImageStatus::Ok:
        return QLatin1StringView("ok");
    case ImageStatus::NoImage:
        return QLatin1StringView("no-image");
    case ImageStatus::Refused:
        return QLatin1StringView("refused");
    case ImageStatus::NotConfigured:
        return QLatin1StringView("not-configured");
    case ImageStatus::Busy:
        return QLatin1StringView("busy");
    case ImageStatus::Timeout:
        return QLatin1StringView("timeout");
    case ImageStatus::TooLarge:
        return QLatin1StringView("too-large");
    case ImageStatus::NotAnImage:
        return QLatin1StringView("not-an-image");
    case ImageStatus::NotFound:
        return QLatin1StringView("not-found");
    case ImageStatus::Unavailable:
        break;
    }
    return QLatin1StringView("unavailable");
}

ImageCache::ImageCache(Limits limits, std::function<qint64()> clock)
    : m_limits(limits)
    , m_clock(std::move(clock))
{ }

const ImageResult *ImageCache::find(const QByteArray &key)
{
    const auto found = m_index.constFind(key);
    if (found == m_index.constEnd())
        return nullptr;
    const auto it = *found;
    if (it->expiresAt <= m_clock()) {
        eraseEntry(it);
        return nullptr;
    }
    m_entries.splice(m_entries.begin(), m_entries, it);
    return &it->result;
}

void ImageCache::insert(const QByteArray &key, const ImageResult &result)
{
    if (const auto found = m_index.constFind(key); found != m_index.constEnd())
        eraseEntry(*found);
    const qint64 size = result.bytes.size();
    if (size > m_limits.maxBytes || m_limits.maxCount <= 0)
        return;
    const qint64 age = result.status == ImageStatus::Ok
        ? m_limits.maxAgeMs
        : qMin(m_limits.failureAgeMs, m_limits.maxAgeMs);
    m_entries.push_front({key, result, m_clock() + age});
    m_index.insert(key, m_entries.begin());
    m_bytes += size;
    while (!m_entries.empty()
           && (m_bytes > m_limits.maxBytes || int(m_entries.size()) > m_limits.maxCount))
        eraseEntry(std::prev(m_entries.end()));
}

void ImageCache::eraseEntry(std::list<Entry>::iterator it)
{
    m_bytes -= it->result.bytes.size();
    m_index.remove(it->key);
    m_entries.erase(it);
}

} // namespace sender::images
