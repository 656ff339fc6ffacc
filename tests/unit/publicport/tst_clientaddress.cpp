// The key the per-address connection bounds count a client under (issue 18, finding 5).
#include "FailOnWarnings.h"
#include "publicport/ClientAddress.h"

#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>

using namespace sender;

namespace {

sockaddr_storage address(int family, const char *text)
{
    sockaddr_storage storage {};
    storage.ss_family = sa_family_t(family);
    if (family == AF_INET)
        ::inet_pton(AF_INET, text, &reinterpret_cast<sockaddr_in *>(&storage)->sin_addr);
    else
        ::inet_pton(AF_INET6, text, &reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_addr);
    return storage;
}

} // namespace

class tst_ClientAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { sender::test::failOnQtWarnings(); }

    void keys_data()
    {
        QTest::addColumn<int>("family");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("IPv4") << int(AF_INET) << QByteArray("192.0.2.7") << QByteArray("192.0.2.7");
        QTest::newRow("IPv4-mapped IPv6 is the IPv4 client")
            << int(AF_INET6) << QByteArray("::ffff:192.0.2.7") << QByteArray("192.0.2.7");
        // A host picks any address of its /64 at will: they all count as one client.
        QTest::newRow("IPv6 counts by its /64")
            << int(AF_INET6) << QByteArray("2001:db8:1:2:aaaa:bbbb:cccc:dddd")
            << QByteArray("2001:db8:1:2::/64");
        QTest::newRow("another address of the same /64")
            << int(AF_INET6) << QByteArray("2001:db8:1:2::1") << QByteArray("2001:db8:1:2::/64");
        QTest::newRow("the next /64 is another client")
            << int(AF_INET6) << QByteArray("2001:db8:1:3::1") << QByteArray("2001:db8:1:3::/64");
        QTest::newRow("IPv6 loopback") << int(AF_INET6) << QByteArray("::1") << QByteArray("::/64");
    }
    void keys()
    {
        QFETCH(int, family);
        QFETCH(QByteArray, text);
        QTEST(clientAddressKey(address(family, text.constData())), "key");
    }

    void otherFamiliesHaveNoKey()
    {
        sockaddr_storage storage {};
        storage.ss_family = AF_UNIX;
        QVERIFY(clientAddressKey(storage).isEmpty());
        QVERIFY(clientAddressKey(-1).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ClientAddress)
#include "tst_clientaddress.moc"
