#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <QUuid>

#include <cstddef>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace sender::test {

// Plays systemd's side of sd_notify(3): a bound AF_UNIX datagram socket whose name goes into
// $NOTIFY_SOCKET. Non-blocking, so tests poll it from QTRY_* loops while the event loop turns.
class NotifyListener
{
public:
    enum class Kind { Path, Abstract };

    explicit NotifyListener(Kind kind = Kind::Path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (m_fd < 0)
            return;
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        socklen_t length = 0;
        if (kind == Kind::Path) {
            m_name = QFile::encodeName(m_dir.filePath(QStringLiteral("notify")));
            std::memcpy(address.sun_path, m_name.constData(), size_t(m_name.size()));
            length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(m_name.size()) + 1);
        } else {
            m_name = "@luna-sender-test/" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
            std::memcpy(address.sun_path + 1, m_name.constData() + 1, size_t(m_name.size() - 1));
            length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(m_name.size()));
        }
        if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), length) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~NotifyListener()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    NotifyListener(const NotifyListener &) = delete;
    NotifyListener &operator=(const NotifyListener &) = delete;

    bool isValid() const { return m_fd >= 0; }
    // What $NOTIFY_SOCKET must say ("/tmp/.../notify" or "@name").
    QByteArray name() const { return m_name; }

    // Reads every datagram waiting now; returns how many arrived.
    int drain()
    {
        int count = 0;
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n < 0)
                break;
            m_messages.append(QByteArray(buffer, n));
            ++count;
        }
        return count;
    }
    // Every datagram received so far, oldest first.
    const QByteArrayList &messages()
    {
        drain();
        return m_messages;
    }
    // Index of the first message at or after `from` with this line, or -1.
    qsizetype find(const QByteArray &line, qsizetype from = 0)
    {
        drain();
        for (qsizetype i = from; i < m_messages.size(); ++i) {
            if (m_messages.at(i).split('\n').contains(line))
                return i;
        }
        return -1;
    }
    // The value of KEY= in message i.
    QByteArray value(qsizetype i, const QByteArray &key) const
    {
        for (const QByteArray &line : m_messages.at(i).split('\n')) {
            if (line.startsWith(QByteArray(key + '=')))
                return line.mid(key.size() + 1);
        }
        return {};
    }

private:
    QTemporaryDir m_dir;
    QByteArray m_name;
    int m_fd = -1;
    QByteArrayList m_messages;
};

} // namespace sender::test
