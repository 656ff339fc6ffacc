// The access policy's token checks (issue 18): tokens kept only as SHA-256 digests and compared as
// such, the same work for an account without tokens, and a policy that fails closed.

#include "FailOnWarnings.h"
#include "config/SettingsLoader.h"
#include "publicport/HandshakeGate.h"

#include <QTest>

using namespace sender;

namespace {
const QUuid kA = QUuid::fromString(QLatin1StringView("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a"));
const QUuid kB = QUuid::fromString(QLatin1StringView("904e635f-3a47-4832-b4d6-d2d72ba78451"));
const QUuid kNone = QUuid::fromString(QLatin1StringView("00000000-0000-4000-8000-000000000009"));

AccessPolicy policyFrom(const QString &tokens)
{
    QStringList errors;
    const std::optional<Settings> s =
        SettingsLoader::load({}, {}, {{QStringLiteral("ACCESS.ACCOUNT_TOKENS"), tokens}}, &errors);
    if (!s)
        qFatal("%s", qPrintable(errors.join(u'\n')));
    return AccessPolicy::fromSettings(*s);
}
} // namespace

class tst_AccessPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void tokensAreKeptAsDigests()
    {
        const AccessPolicy p = policyFrom(
            QStringLiteral("8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a:short,"
                           "8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a:a-much-longer-token-of-account-a,"
                           "904e635f-3a47-4832-b4d6-d2d72ba78451:b"));
        QVERIFY(p.tokensRequired());
        for (const QList<QByteArray> &digests : p.accountTokens) {
            for (const QByteArray &d : digests) {
                QCOMPARE(d.size(), 32); // fixed size, whatever the token's length
                QVERIFY(!d.contains("short") && !d.contains("token"));
            }
        }
        QVERIFY(p.tokenOpens(kA, "short"));
        QVERIFY(p.tokenOpens(kA, "a-much-longer-token-of-account-a"));
        QVERIFY(p.tokenOpens(kB, "b"));
        QVERIFY(!p.tokenOpens(kB, "short"));
        QVERIFY(!p.tokenOpens(kA, "shor"));
        QVERIFY(!p.tokenOpens(kA, "short "));
        QVERIFY(!p.tokenOpens(kA, ""));
        QVERIFY(!p.tokenOpens(kNone, "short"));
    }

    // An account without tokens is refused after the same comparisons as one with a token, so
    // the answer's timing does not tell which accounts have tokens.
    void sameWorkForAccountsWithoutTokens()
    {
        const AccessPolicy p =
            policyFrom(QStringLiteral("904e635f-3a47-4832-b4d6-d2d72ba78451:b-token"));
        int withToken = -1;
        int without = -1;
        QVERIFY(!p.tokenOpens(kB, "guess", &withToken));
        QVERIFY(!p.tokenOpens(kNone, "guess", &without));
        QCOMPARE(without, withToken);
        QCOMPARE(without, 1);
        // The stand-in compared for kNone opens nothing, whatever is presented.
        QVERIFY(!p.tokenOpens(kNone, QByteArray(32, '\0')));
    }

    // Finding 3: should an entry ever reach the policy unparsed (Settings::set takes what it is
    // given), tokens stay required and the entry opens nothing.
    void failsClosed()
    {
        Settings s;
        s.set(QStringLiteral("ACCESS.ACCOUNT_TOKENS"),
              QStringList {QStringLiteral("{8b8b5937-2e9c-4e8b-a7a7-5caf86621b5a}:tok")},
              Settings::Origin::Console);
        const AccessPolicy p = AccessPolicy::fromSettings(s);
        QVERIFY(p.tokensRequired());
        QVERIFY(!p.tokenOpens(kA, "tok"));
    }
};

QTEST_GUILESS_MAIN(tst_AccessPolicy)
#include "tst_accesspolicy.moc"
