#include "FailOnWarnings.h"
#include "sources/redis/PubSubSession.h"

#include <QTest>

using sender::PubSubSession;
using sender::RespReader;
using sender::RespValue;
using Kind = sender::PubSubSession::Outcome::Kind;

namespace {
PubSubSession::Login login()
{
    PubSubSession::Login login;
    login.pattern = "luna-sender:*";
    login.channelPrefix = "luna-sender:";
    login.endpoint = QStringLiteral("127.0.0.1:6379");
    return login;
}

// Feeds raw replies and hands each parsed one to the session.
QList<PubSubSession::Outcome> replay(PubSubSession &session, const QByteArray &replies,
                                     QList<QByteArray> *payloads = nullptr,
                                     QList<QByteArray> *accounts = nullptr)
{
    RespReader reader(64);
    reader.feed(replies.constData(), replies.size());
    QList<PubSubSession::Outcome> outcomes;
    const RespValue *reply = nullptr;
    while (reader.next(&reply) == RespReader::Status::Reply) {
        outcomes.append(session.handle(*reply));
        if (outcomes.last().kind == Kind::Message) {
            // Views are only valid until the next reply: copy them now.
            if (payloads)
                payloads->append(*outcomes.last().payload);
            if (accounts)
                accounts->append(outcomes.last().accountId.toByteArray());
            outcomes.last().payload = nullptr;
            outcomes.last().accountId = {};
        }
    }
    return outcomes;
}

QList<Kind> kinds(const QList<PubSubSession::Outcome> &outcomes)
{
    QList<Kind> result;
    for (const auto &outcome : outcomes)
        result.append(outcome.kind);
    return result;
}

const QByteArray kConfirmed = "*3\r\n$10\r\npsubscribe\r\n$13\r\nluna-sender:*\r\n:1\r\n";
} // namespace

class TestPubSubSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }
    void loginCommands_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("db");
        QTest::addColumn<bool>("requireMaster");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray psubscribe = "*2\r\n$10\r\nPSUBSCRIBE\r\n$13\r\nluna-sender:*\r\n";
        QTest::newRow("nothing to log in with") << ""
                                                << "" << 0 << false << psubscribe;
        QTest::newRow("password") << ""
                                  << "pw" << 0 << false
                                  << "*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n" + psubscribe;
        QTest::newRow("user and password, db, role")
            << "luna"
            << "pw" << 2 << true
            << "*3\r\n$4\r\nAUTH\r\n$4\r\nluna\r\n$2\r\npw\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n"
               "*1\r\n$4\r\nROLE\r\n"
                + psubscribe;
    }
    void loginCommands()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(int, db);
        QFETCH(bool, requireMaster);
        QFETCH(QByteArray, expected);
        PubSubSession::Login credentials = login();
        credentials.user = user;
        credentials.password = password;
        credentials.db = db;
        credentials.requireMaster = requireMaster;
        PubSubSession session;
        QCOMPARE(session.begin(credentials), expected);
    }

    void loginReplies_data()
    {
        QTest::addColumn<QByteArray>("replies");
        QTest::addColumn<QList<Kind>>("expected");
        QTest::addColumn<QString>("detail"); // of the last outcome
        QTest::newRow("all fine") << "+OK\r\n+OK\r\n*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n" + kConfirmed
                                  << QList<Kind> {Kind::Nothing, Kind::Nothing, Kind::Nothing,
                                                  Kind::Subscribed}
                                  << "";
        QTest::newRow("wrong password")
            << QByteArray("-WRONGPASS invalid username-password pair\r\n")
            << QList<Kind> {Kind::Failed}
            << "authentication failed: WRONGPASS invalid username-password pair";
        QTest::newRow("bad db") << QByteArray("+OK\r\n-ERR DB index is out of range\r\n")
                                << QList<Kind> {Kind::Nothing, Kind::Failed}
                                << "SELECT 5 failed: ERR DB index is out of range";
        QTest::newRow("replica") << QByteArray(
            "+OK\r\n+OK\r\n*5\r\n$5\r\nslave\r\n$1\r\nh\r\n:1\r\n$9\r\n"
            "connected\r\n:0\r\n")
                                 << QList<Kind> {Kind::Nothing, Kind::Nothing, Kind::Failed}
                                 << "sentinel: 127.0.0.1:6379 is not a master (role slave)";
        QTest::newRow("garbage answer to PSUBSCRIBE")
            << QByteArray("+OK\r\n+OK\r\n*3\r\n$6\r\nmaster\r\n:0\r\n*0\r\n:1\r\n")
            << QList<Kind> {Kind::Nothing, Kind::Nothing, Kind::Nothing, Kind::Failed}
            << "protocol error from 127.0.0.1:6379: unexpected answer to PSUBSCRIBE :1";
        QTest::newRow("noperm") << QByteArray("+OK\r\n+OK\r\n*1\r\n$6\r\nmaster\r\n-NOPERM no\r\n")
                                << QList<Kind> {Kind::Nothing, Kind::Nothing, Kind::Nothing,
                                                Kind::Failed}
                                << "subscription refused: NOPERM no";
    }
    void loginReplies()
    {
        QFETCH(QByteArray, replies);
        QFETCH(QList<Kind>, expected);
        QFETCH(QString, detail);
        PubSubSession::Login credentials = login();
        credentials.password = QStringLiteral("pw");
        credentials.db = 5;
        credentials.requireMaster = true;
        PubSubSession session;
        session.begin(credentials);
        const auto outcomes = replay(session, replies);
        QCOMPARE(kinds(outcomes), expected);
        QCOMPARE(outcomes.last().text, detail);
        QCOMPARE(session.isSubscribed(), expected.last() == Kind::Subscribed);
    }

    void noAuthIsNamed()
    {
        PubSubSession session;
        session.begin(login());
        const auto outcomes = replay(session, "-NOAUTH Authentication required.\r\n");
        QCOMPARE(outcomes.last().text,
                 QStringLiteral("authentication required: NOAUTH Authentication required."));
    }

    void messagesAndPongs()
    {
        PubSubSession session;
        session.begin(login());
        QByteArray replies = kConfirmed;
        replies += "*4\r\n$8\r\npmessage\r\n$13\r\nluna-sender:*\r\n$15\r\nluna-sender:acc\r\n$"
                   "3\r\n{1}\r\n";
        replies += "*2\r\n$4\r\npong\r\n$0\r\n\r\n"; // unasked: malformed
        QList<QByteArray> payloads;
        QList<QByteArray> accounts;
        auto outcomes = replay(session, replies, &payloads, &accounts);
        QCOMPARE(kinds(outcomes), (QList<Kind> {Kind::Subscribed, Kind::Message, Kind::Malformed}));
        QCOMPARE(payloads, QList<QByteArray> {"{1}"});
        QCOMPARE(accounts, QList<QByteArray> {"acc"});

        QCOMPARE(session.ping(), QByteArray("*1\r\n$4\r\nPING\r\n"));
        session.ping();
        QVERIFY(session.pingOutstanding());
        outcomes = replay(session, "*2\r\n$4\r\npong\r\n$0\r\n\r\n*2\r\n$4\r\nPONG\r\n$0\r\n\r\n");
        QCOMPARE(kinds(outcomes), (QList<Kind> {Kind::Nothing, Kind::Alive}));
        QVERIFY(!session.pingOutstanding());

        // An ACL user without +ping: alive, but counted so the misconfiguration shows.
        session.ping();
        outcomes = replay(session, "-NOPERM no ping for you\r\n");
        QCOMPARE(kinds(outcomes), QList<Kind> {Kind::Malformed});
        QVERIFY(!session.pingOutstanding());
    }

    void malformedWhileSubscribed_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("plain message")
            << QByteArray("*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nx\r\n") << "unexpected reply";
        QTest::newRow("integer") << QByteArray(":5\r\n") << "unexpected reply";
        QTest::newRow("error") << QByteArray("-ERR boom\r\n") << "unexpected reply";
        QTest::newRow("nil") << QByteArray("$-1\r\n") << "unexpected reply";
        QTest::newRow("integer payload")
            << QByteArray("*4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$13\r\nluna-sender:a\r\n:7\r\n")
            << "non-string parts";
        QTest::newRow("foreign channel")
            << QByteArray("*4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$5\r\nother\r\n$1\r\nx\r\n")
            << "foreign channel";
        QTest::newRow("oversized payload")
            << "*4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$13\r\nluna-sender:a\r\n$100\r\n"
                + QByteArray(100, 'x') + "\r\n"
            << "message of 100 bytes over the size limit skipped";
        QTest::newRow("a second confirmation")
            << kConfirmed << "unexpected reply while subscribed: [$psubscribe";
    }
    void malformedWhileSubscribed()
    {
        QFETCH(QByteArray, reply);
        QFETCH(QString, fragment);
        PubSubSession session;
        session.begin(login());
        replay(session, kConfirmed);
        const auto outcomes = replay(session, reply);
        QCOMPARE(kinds(outcomes), QList<Kind> {Kind::Malformed});
        QVERIFY2(outcomes.first().text.contains(fragment), qPrintable(outcomes.first().text));
        QVERIFY(session.isSubscribed());
    }

    void beginStartsOver()
    {
        PubSubSession session;
        session.begin(login());
        replay(session, kConfirmed);
        session.ping();
        session.begin(login());
        QVERIFY(!session.isSubscribed());
        QVERIFY(!session.pingOutstanding());
        QCOMPARE(kinds(replay(session, kConfirmed)), QList<Kind> {Kind::Subscribed});
    }

    void goodbye()
    {
        QCOMPARE(PubSubSession::unsubscribeAndQuit(),
                 QByteArray("*1\r\n$12\r\nPUNSUBSCRIBE\r\n*1\r\n$4\r\nQUIT\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestPubSubSession)
#include "tst_pubsubsession.moc"
