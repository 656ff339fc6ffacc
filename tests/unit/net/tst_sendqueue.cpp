#include "FailOnWarnings.h"
#include "events/WsFrame.h"
#include "net/SendQueue.h"

#include <QTest>

using namespace sender;

namespace {

QByteArray drain(SendQueue &q, qint64 maxBytes)
{
    iovec iov[64];
    const int n = q.fillIoVec(iov, 64);
    QByteArray out;
    for (int i = 0; i < n && out.size() < maxBytes; ++i)
        out.append(static_cast<const char *>(iov[i].iov_base),
                   qMin<qsizetype>(qsizetype(iov[i].iov_len), maxBytes - out.size()));
    q.consume(out.size());
    return out;
}

} // namespace

class tst_SendQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void boundIsEnforced()
    {
        SendQueue q(10);
        QVERIFY(q.push("12345"));
        QVERIFY(q.push("67890"));
        QVERIFY(!q.push("x")); // would exceed 10
        QCOMPARE(q.bytes(), 10);
        QCOMPARE(q.chunkCount(), 2);
        q.pushUnbounded("close"); // protocol frames go out regardless
        QCOMPARE(q.bytes(), 15);
    }

    void partialWritesKeepOrder()
    {
        SendQueue q(1 << 20);
        for (int i = 0; i < 100; ++i)
            QVERIFY(q.push(QByteArray::number(i) + ';'));
        QByteArray out;
        while (!q.isEmpty())
            out += drain(q, 7); // the socket takes 7 bytes at a time
        QByteArray expected;
        for (int i = 0; i < 100; ++i)
            expected += QByteArray::number(i) + ';';
        QCOMPARE(out, expected);
        QCOMPARE(q.bytes(), 0);
    }

    void sharesFramesWithoutCopying()
    {
        const QByteArray frame(1500, 'f');
        SendQueue a;
        SendQueue b;
        QVERIFY(a.push(frame));
        QVERIFY(b.push(frame));
        iovec iov[1];
        a.fillIoVec(iov, 1);
        QCOMPARE(static_cast<const char *>(iov[0].iov_base), frame.constData());
        b.fillIoVec(iov, 1);
        QCOMPARE(static_cast<const char *>(iov[0].iov_base), frame.constData());
    }

    void growsAndWrapsAround()
    {
        SendQueue q(1 << 20);
        // Interleave pushes and partial drains so the ring wraps and grows several times.
        QByteArray expected;
        QByteArray out;
        for (int round = 0; round < 50; ++round) {
            for (int i = 0; i < round % 13 + 1; ++i) {
                const QByteArray chunk = QByteArray::number(round * 100 + i) + ',';
                QVERIFY(q.push(chunk));
                expected += chunk;
            }
            out += drain(q, 9);
        }
        while (!q.isEmpty())
            out += drain(q, 1000);
        QCOMPARE(out, expected);
    }

    void clearUnsentKeepsAHalfWrittenFrame()
    {
        SendQueue q(1 << 20);
        q.push("AAAA");
        q.push("BBBB");
        q.push("CCCC");
        QCOMPARE(drain(q, 2), QByteArray("AA"));
        QCOMPARE(q.clearUnsent(), 2); // BBBB and CCCC dropped, AA.. stays framed
        q.pushUnbounded("Z");
        QCOMPARE(q.bytes(), 3);
        QCOMPARE(drain(q, 100), QByteArray("AAZ"));
        q.push("DDDD");
        QCOMPARE(q.clearUnsent(), 1); // nothing started: all goes
        QVERIFY(q.isEmpty());
    }

    // A chunk may be a filter group's batch of frames: what is dropped is counted by the caller's
    // measure (frames), not in chunks; a half-written head, batch or not, stays whole.
    void clearUnsentCountsWhatTheChunksHold()
    {
        const QByteArray one = wsframe::text("a");
        const QByteArray batch = wsframe::text("b") + wsframe::text(QByteArray(300, 'c'))
            + wsframe::text(QByteArray(70000, 'd'));
        QCOMPARE(wsframe::countFrames(one), 1);
        QCOMPARE(wsframe::countFrames(batch), 3);
        QCOMPARE(wsframe::countFrames(batch.first(batch.size() - 5)), 3); // a truncated last one
        QCOMPARE(wsframe::countFrames({}), 0);
        SendQueue q(1 << 20);
        q.push(batch);
        q.push(one);
        q.push(batch);
        QCOMPARE(drain(q, 4), batch.first(4));
        QCOMPARE(q.clearUnsent(&wsframe::countFrames), 4); // one + the second batch
        QCOMPARE(drain(q, 1 << 20), batch.mid(4)); // the started batch goes out whole
        q.push(batch);
        q.push(one);
        QCOMPARE(q.clearUnsent(&wsframe::countFrames), 4);
        QVERIFY(q.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_SendQueue)
#include "tst_sendqueue.moc"
