#pragma once

#include "sources/redis/RedisSettings.h"
#include "sources/redis/RespReader.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

class QTcpSocket;

namespace sender {

// Asks the configured sentinels, one after the other, where the master is
// (SENTINEL get-master-addr-by-name), each within the connect timeout. Starts with the sentinel
// that answered last, so a dead first sentinel costs one timeout once, not on every reconnect.
class SentinelResolver : public QObject
{
    Q_OBJECT
public:
    explicit SentinelResolver(const RedisSettings &settings, QObject *parent = nullptr);
    ~SentinelResolver() override;

    // Starts a round (restarts one in progress). Ends in exactly one resolved() or failed(),
    // unless cancel() comes first.
    void resolve();
    void cancel();
    bool isBusy() const { return m_socket != nullptr; }

Q_SIGNALS:
    void resolved(const QString &host, quint16 port, const QString &sentinel);
    // "sentinel: no master 'mymaster' (...)" when a sentinel does not know the master, else
    // "sentinel: no address for master 'mymaster' (<why, per sentinel>)".
    void failed(const QString &detail);

private:
    enum class Step { Auth, Query };

    void askCurrent();
    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onTimeout();
    // Records why the current sentinel gave no address and moves on to the next one.
    void giveUp(const QString &problem);
    bool handleReply(const RespValue &reply);
    void closeSocket();
    QString currentName() const;

    const RedisSettings &m_settings;
    QTcpSocket *m_socket = nullptr;
    RespReader m_reader;
    QTimer m_timeout;
    QList<Step> m_pending;
    qsizetype m_preferred = 0;
    qsizetype m_current = 0;
    qsizetype m_asked = 0;
    bool m_sawNoMaster = false;
    QStringList m_problems;
};

} // namespace sender
