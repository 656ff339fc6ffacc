#include "gui/DemoClients.h"

#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace sender {

namespace {

// Where a local client reaches a server listening on an address (any address: loopback).
QString connectHost(const QString &listenAddress)
{
    const qsizetype colon = listenAddress.lastIndexOf(u':');
    QString host = listenAddress.left(colon);
    if (host == u"0.0.0.0")
        return QStringLiteral("127.0.0.1");
    if (host == u"[::]")
        return QStringLiteral("[::1]");
    return host;
}

} // namespace

QStringList DemoClients::queries()
{
    return {QString(),
            QStringLiteral("sources=cam-01-main-entrance,cam-02-lobby"),
            QStringLiteral("sources=cam-01-main-entrance,cam-02-lobby"),
            QStringLiteral("matching_candidates_labels=vip,bad+guys&object_similarity__gte=0.8"),
            QStringLiteral("liveness=0"),
            QStringLiteral("age__gte=50&gender=1"),
            QStringLiteral("emotions=1,3&masks=2,3")};
}

DemoClients::DemoClients(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("demo-clients"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

DemoClients::~DemoClients()
{
    stop();
    m_thread.quit();
    m_thread.wait();
}

void DemoClients::start(const QString &listenAddress, const QUuid &account)
{
    stop();
    m_running = true;
    const QString host = connectHost(listenAddress);
    const QString port = listenAddress.mid(listenAddress.lastIndexOf(u':') + 1);
    const QByteArray accountHeader = account.toByteArray(QUuid::WithoutBraces);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, host, port, accountHeader] {
        for (const QString &query : queries()) {
            QUrl url(QStringLiteral("ws://%1:%2/2/ws").arg(host, port));
            if (!query.isEmpty())
                url.setQuery(query);
            auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, worker);
            QNetworkRequest request(url);
            request.setRawHeader("Luna-Account-Id", accountHeader);
            // After an engine restart the server is back within a second or two.
            QObject::connect(socket, &QWebSocket::disconnected, socket, [socket, request] {
                QTimer::singleShot(2000, socket, [socket, request] { socket->open(request); });
            });
            socket->open(request);
        }
    });
}

void DemoClients::stop()
{
    if (!m_running)
        return;
    m_running = false;
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker] {
            const QList<QWebSocket *> sockets = worker->findChildren<QWebSocket *>();
            for (QWebSocket *socket : sockets) {
                socket->disconnect();
                socket->abort();
                delete socket;
            }
        },
        Qt::BlockingQueuedConnection);
}

} // namespace sender
