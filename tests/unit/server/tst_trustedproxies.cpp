#include "http/trustedproxies.h"

#include <QTest>

using portico::server::TrustedProxies;

// Which address a request is counted under behind reverse proxies: only a trusted peer's
// X-Forwarded-For is believed, read from the right, and a forged or malformed entry never lets a
// client choose its own address.
class TestTrustedProxies final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsing_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<bool>("valid");
        QTest::newRow("empty") << QString() << true;
        QTest::newRow("one v4") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("networks, commas and spaces")
            << QStringLiteral("10.0.0.0/8, 192.168.1.0/24 ::1,fd00::/8") << true;
        QTest::newRow("prefix 0") << QStringLiteral("0.0.0.0/0") << true;
        QTest::newRow("v4 prefix too long") << QStringLiteral("10.0.0.0/33") << false;
        QTest::newRow("v6 prefix too long") << QStringLiteral("fd00::/129") << false;
        QTest::newRow("host name") << QStringLiteral("proxy.local") << false;
        QTest::newRow("two slashes") << QStringLiteral("10.0.0.0/8/8") << false;
        QTest::newRow("prefix not a number") << QStringLiteral("10.0.0.0/x") << false;
        QTest::newRow("octet out of range") << QStringLiteral("10.0.0.256") << false;
    }
    void parsing()
    {
        QFETCH(QString, list);
        QFETCH(bool, valid);
        QString error;
        const auto proxies = TrustedProxies::parse(list, &error);
        QCOMPARE(proxies.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
    }

    void clientAddress_data()
    {
        QTest::addColumn<QString>("trusted");
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QString>("forwardedFor");
        QTest::addColumn<QString>("client");
        const QString lb = QStringLiteral("10.0.0.0/8");
        QTest::newRow("no proxies: the header is ignored")
            << QString() << QStringLiteral("198.51.100.7") << QStringLiteral("203.0.113.5")
            << QStringLiteral("198.51.100.7");
        QTest::newRow("untrusted peer: ignored")
            << lb << QStringLiteral("198.51.100.7") << QStringLiteral("203.0.113.5")
            << QStringLiteral("198.51.100.7");
        QTest::newRow("trusted peer, one client")
            << lb << QStringLiteral("10.1.2.3") << QStringLiteral("203.0.113.5")
            << QStringLiteral("203.0.113.5");
        QTest::newRow("trusted peer, no header")
            << lb << QStringLiteral("10.1.2.3") << QString() << QStringLiteral("10.1.2.3");
        QTest::newRow("a forged left part is skipped")
            << lb << QStringLiteral("10.1.2.3") << QStringLiteral("1.1.1.1, 203.0.113.5")
            << QStringLiteral("203.0.113.5");
        QTest::newRow("two proxies in a row")
            << lb << QStringLiteral("10.1.2.3") << QStringLiteral("203.0.113.5, 10.9.9.9")
            << QStringLiteral("203.0.113.5");
        QTest::newRow("only proxies: the peer")
            << lb << QStringLiteral("10.1.2.3") << QStringLiteral("10.4.4.4, 10.9.9.9")
            << QStringLiteral("10.1.2.3");
        QTest::newRow("garbage stops the walk")
            << lb << QStringLiteral("10.1.2.3") << QStringLiteral("203.0.113.5, not-an-ip")
            << QStringLiteral("10.1.2.3");
        QTest::newRow("a port is not an address")
            << lb << QStringLiteral("10.1.2.3") << QStringLiteral("203.0.113.5:4444")
            << QStringLiteral("10.1.2.3");
        QTest::newRow("IPv6 client") << lb << QStringLiteral("10.1.2.3") << QStringLiteral("2001:db8::1")
                                     << QStringLiteral("2001:db8::1");
        QTest::newRow("bracketed IPv6 client")
            << lb << QStringLiteral("10.1.2.3") << QStringLiteral("[2001:db8::1]")
            << QStringLiteral("2001:db8::1");
        QTest::newRow("IPv6 proxy network") << QStringLiteral("fd00::/8") << QStringLiteral("fd12::1")
                                            << QStringLiteral("203.0.113.5") << QStringLiteral("203.0.113.5");
        QTest::newRow("v4 network does not match v6")
            << lb << QStringLiteral("::1") << QStringLiteral("203.0.113.5") << QStringLiteral("::1");
        QTest::newRow("single address") << QStringLiteral("127.0.0.1") << QStringLiteral("127.0.0.1")
                                        << QStringLiteral("203.0.113.5") << QStringLiteral("203.0.113.5");
        QTest::newRow("single address, neighbour")
            << QStringLiteral("127.0.0.1") << QStringLiteral("127.0.0.2") << QStringLiteral("203.0.113.5")
            << QStringLiteral("127.0.0.2");
        QTest::newRow("/31 edge") << QStringLiteral("192.0.2.2/31") << QStringLiteral("192.0.2.3")
                                  << QStringLiteral("203.0.113.5") << QStringLiteral("203.0.113.5");
        QTest::newRow("/31 outside") << QStringLiteral("192.0.2.2/31") << QStringLiteral("192.0.2.4")
                                     << QStringLiteral("203.0.113.5") << QStringLiteral("192.0.2.4");
    }
    void clientAddress()
    {
        QFETCH(QString, trusted);
        QFETCH(QString, peer);
        QFETCH(QString, forwardedFor);
        QFETCH(QString, client);
        const auto proxies = TrustedProxies::parse(trusted);
        QVERIFY(proxies);
        QCOMPARE(
            QString::fromStdString(proxies->clientAddress(peer.toStdString(), forwardedFor.toStdString())),
            client);
    }
};

QTEST_APPLESS_MAIN(TestTrustedProxies)
#include "tst_trustedproxies.moc"
