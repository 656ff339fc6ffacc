#pragma once

// The vendor's own client is Python: Debian's /usr/bin/python3 with python3-websockets
// (installer/setup.sh) stands in for it. It subscribes with the Luna-Account-Id header, says
// READY once the handshake is done, reads a number of messages and exits; the test reads the
// 101's Sec-WebSocket-Extensions and the messages as they came (text or binary, bytes exact).
// Debian's interpreter, not the first python3 on PATH (that one cannot import the package).

#include "TestTimeouts.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace sender::test {

class PythonWsClient
{
public:
    struct Message
    {
        bool text = true;
        QByteArray data;
    };

    PythonWsClient() = default;
    PythonWsClient(const PythonWsClient &) = delete;
    PythonWsClient &operator=(const PythonWsClient &) = delete;
    ~PythonWsClient()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(timeouts::kProcessExit);
        }
    }

    // Starts the client on url and returns once it is subscribed (false with error() if not).
    bool start(const QUrl &url, QByteArrayView account, int count)
    {
        if (!m_dir.isValid())
            return fail(QStringLiteral("no temporary directory"));
        const QString script = m_dir.filePath(QStringLiteral("client.py"));
        QFile file(script);
        if (!file.open(QIODevice::WriteOnly) || file.write(kScript) != qint64(sizeof(kScript) - 1))
            return fail(QStringLiteral("cannot write %1").arg(script));
        file.close();
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this] { m_out += m_process.readAllStandardOutput(); });
        m_process.start(
            QStringLiteral("/usr/bin/python3"),
            {script, url.toString(), QString::fromLatin1(account), QString::number(count)});
        if (!QTest::qWaitFor(
                [this] {
                    return m_out.contains("READY\n") || m_process.state() == QProcess::NotRunning;
                },
                timeouts::kLongOperation)
            || !m_out.contains("READY\n"))
            return fail(QStringLiteral("not subscribed: ") + output());
        return true;
    }

    // Waits until the client read its messages and exited cleanly, then parses what it read.
    bool finish()
    {
        if (!QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; },
                             timeouts::kLongOperation))
            return fail(QStringLiteral("still running: ") + output());
        m_out += m_process.readAllStandardOutput();
        if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0)
            return fail(QStringLiteral("failed: ") + output());
        for (const QByteArray &line : m_out.split('\n')) {
            if (line.startsWith("EXT "))
                m_extensions = line.sliced(4);
            else if (line.startsWith("TEXT ") || line.startsWith("BINARY "))
                m_messages.append({line.startsWith("TEXT "),
                                   QByteArray::fromBase64(line.sliced(line.indexOf(' ') + 1))});
        }
        return true;
    }

    QByteArray extensions() const { return m_extensions; } // of the 101, "" for none
    const QList<Message> &messages() const { return m_messages; }
    QString error() const { return m_error; }

private:
    static constexpr char kScript[] = R"PY(
import asyncio, base64, sys, websockets
async def main(url, account, count):
    async with websockets.connect(url, extra_headers={"Luna-Account-Id": account}) as ws:
        print("EXT " + ws.response_headers.get("Sec-WebSocket-Extensions", ""), flush=True)
        print("READY", flush=True)
        for _ in range(count):
            message = await asyncio.wait_for(ws.recv(), 20)
            kind = "TEXT" if isinstance(message, str) else "BINARY"
            data = message.encode() if isinstance(message, str) else message
            print(kind, base64.b64encode(data).decode(), flush=True)
asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
)PY";

    QString output() const
    {
        return QString::fromUtf8(m_out) + QString::fromUtf8(m_process.readAllStandardError());
    }
    bool fail(const QString &why)
    {
        m_error = why;
        return false;
    }

    QTemporaryDir m_dir;
    mutable QProcess m_process;
    QByteArray m_out;
    QByteArray m_extensions;
    QList<Message> m_messages;
    QString m_error;
};

} // namespace sender::test
