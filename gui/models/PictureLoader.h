#pragma once

#include "images/ImageCache.h"
#include "images/ImageRef.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHashFunctions>
#include <QList>
#include <QObject>
#include <QPixmap>
#include <QPointer>
#include <QSet>
#include <QUuid>

#include <deque>
#include <functional>
#include <list>
#include <memory>

class QThreadPool;
class QTimer;

namespace sender {

// The pictures of events as the console shows them (the stream's thumbnails, the detail pane, the
// alarms), fetched through EngineFeed::requestImage only for what someone shows now. Each shower
// says what it shows (want(): the visible rows, the selected event), and the loader asks the
// feed for those pictures only, at most a few at once, each (event, slot) once however many show
// it; a wanted picture that is no longer wanted before its turn is never asked for, so rows
// that scrolled past cost nothing. Answers come on the feed's thread; the bytes are decoded and
// scaled on a worker thread of the loader's own (never on the GUI thread, never on the engine's)
// and the pixmaps kept in a small cache bounded by count and bytes (least recently shown go
// first). Failures are kept too, the passing ones (busy, timeout, unavailable) for a short while
// and then asked again if still wanted. Lives on the GUI thread.
class PictureLoader : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int maxCount = 600; // pictures kept, failures included
        qint64 maxBytes = 48 << 20; // of decoded pixels, thumbnails included
        int maxInFlight = 6; // requests to the feed at once
        int retryMs = 5000; // a passing failure is asked again after this
        int maxSide = 4096; // bigger pictures are not decoded (and shown as unusable)
    };
    static constexpr int kThumbnailHeight = 40;
    static constexpr int kViewHeight = 160; // the detail pane's and the alarm's pictures

    struct Key
    {
        QUuid event;
        images::ImageSlot slot = images::ImageSlot::Face;
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &key, size_t seed = 0) noexcept
        {
            return qHashMulti(seed, key.event, quint8(key.slot));
        }
    };
    enum class State : quint8 { Unknown, Loading, Ready, Failed };
    struct Picture
    {
        State state = State::Unknown;
        QPixmap view; // at most kViewHeight high
        QPixmap thumbnail; // kThumbnailHeight high
        images::ImageStatus status = images::ImageStatus::Unavailable;
        QString detail; // from the service: why there is none
    };

    // Selected: what someone picked (the event in the detail pane, the alarm), asked first.
    enum class Priority : quint8 { Selected, Visible };

    // How a picture is asked for: EngineFeed::requestImage's signature (`done` runs once, on any
    // thread). The console passes its feed's.
    using ImageDone = std::function<void(const images::ImageResult &)>;
    using Requester = std::function<void(const QUuid &, images::ImageSlot, ImageDone)>;

    explicit PictureLoader(Requester requester, QObject *parent = nullptr);
    PictureLoader(Requester requester, Limits limits, QObject *parent = nullptr);
    ~PictureLoader() override;

    // What `shower` (any address its owner keeps for it) shows from now on, most wanted first; an
    // empty list forgets it. Cheap for what is already known or on its way.
    void want(const void *shower, const QList<Key> &keys, Priority priority = Priority::Visible);
    // What is known of a picture now (Unknown: nobody asked; Loading: asked or waiting).
    Picture picture(const Key &key) const;
    // The same, and it counts as shown (the cache keeps the most recently shown).
    Picture touch(const Key &key);

    // The short words a placeholder says for a state and status (for people: translated).
    static QString reason(const Picture &picture);
    // What is shown instead of a picture: a drawn tile of that size (logical pixels) saying why.
    // The loader keeps the few it drew (one per size and reason).
    QPixmap placeholder(QSize size, const QString &reason);

    // For tests and the manual's numbers.
    quint64 requestsSent() const { return m_requestsSent; }
    int inFlight() const { return int(m_inFlight.size()); }
    int waiting() const { return int(m_queue.size()); }
    int cachedCount() const { return int(m_entries.size()); }
    qint64 cachedBytes() const { return m_bytes; }
    const Limits &limits() const { return m_limits; }

Q_SIGNALS:
    // A picture became Ready or Failed (on the GUI thread).
    void pictureChanged(const sender::PictureLoader::Key &key);
    // The feed was asked for this picture (for tests: what was asked, and how often).
    void requested(const sender::PictureLoader::Key &key);

private:
    struct Entry
    {
        Key key;
        Picture picture;
        qint64 retryAt = -1; // a passing failure: ask again from then (ms of m_clock)
        qint64 bytes = 0;
    };
    struct Relay; // the feed's callbacks reach the loader through it, or nowhere once it is gone

    void pump();
    void send(const Key &key);
    void received(const Key &key, const images::ImageResult &result);
    void decoded(const Key &key, const Picture &picture);
    void store(const Key &key, const Picture &picture);
    void trim();
    bool isWanted(const Key &key) const;
    bool needsRequest(const Key &key) const;
    void scheduleRetry(qint64 at);

    Requester m_request;
    Limits m_limits;
    std::shared_ptr<Relay> m_relay;
    QThreadPool *m_decoders;
    QTimer *m_retry;
    struct Wanted
    {
        QList<Key> keys;
        Priority priority = Priority::Visible;
    };
    QHash<const void *, Wanted> m_wanted;
    std::deque<Key> m_queue; // wanted, not asked yet
    QSet<Key> m_inFlight; // asked, or decoding
    std::list<Entry> m_entries; // most recently shown first
    QHash<Key, std::list<Entry>::iterator> m_index;
    qint64 m_bytes = 0;
    quint64 m_requestsSent = 0;
    qreal m_pixelRatio = 1;
    QHash<QString, QPixmap> m_placeholders; // by size and reason: a dozen at most
    QElapsedTimer m_clock;
};

} // namespace sender

Q_DECLARE_METATYPE(sender::PictureLoader::Key)
