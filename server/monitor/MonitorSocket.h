#pragma once

#include "monitor/ClientFrameScanner.h"

#include <QTcpSocket>

namespace sender {

// A connection of the monitoring port (MonitorListener makes every one of this class). Once
// QHttpServer hands it to the stream's WebSocket server, it makes sure every client frame is
// masked, as RFC 6455 5.1 says a server must, and as the Sender port does (its own stack): Qt 6.4's
// QWebSocket accepts unmasked client frames. On the first unmasked frame the stream is closed
// with 1002 before QWebSocket has read any of it.
//
// How it gets in front of QWebSocket (Qt 6.4.2, proven by tst_monitorframes): QHttpServer
// disconnects every signal of an upgraded socket and hands it to its QWebSocketServer, whose
// handshake slot connects to readyRead first; the scanner's slot connects right after that one,
// so that it runs before the one QWebSocket connects when it takes the socket over, in every
// readyRead. When QWebSocket connects, the handshake has been read from the socket and nothing
// more: what is left, and all that follows, are frames. A second slot, after QWebSocket's, notes
// what QWebSocket left unread, so the scanner only ever looks at bytes that are new. It peeks at
// most once per readyRead and skips payload bytes by count.
class MonitorSocket : public QTcpSocket
{
    Q_OBJECT
public:
    explicit MonitorSocket(QObject *parent = nullptr);

    // Whether the socket is a stream whose frames are checked (for tests and the log).
    bool checksFrames() const { return m_stage == Stage::Frames; }

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    enum class Stage {
        Http, // QHttpServer reads it (MonitorListener checks the requests)
        Upgrading, // QHttpServer let it go: its QWebSocketServer connects next
        Handshake, // the scanner is connected; the handshake is still being read
        Frames, // QWebSocket reads it; every frame is checked first
        Refused, // an unmasked frame came: closed with 1002
    };

    void beforeReader();
    void afterReader();
    void refuse();
    void connectOwn(void (MonitorSocket::*slot)());

    Stage m_stage = Stage::Http;
    ClientFrameScanner m_scanner;
    qint64 m_scanned = 0; // bytes at the front of the read buffer already scanned
    bool m_connecting = false;
};

} // namespace sender
