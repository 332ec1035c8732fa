#include "auth/userrepository.h"
#include "authfixture.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "orders/orderrepository.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#include <array>

using namespace portico;
using namespace portico::server;
using namespace portico::test;

namespace {

const QString Password = QStringLiteral("exchange-Pa55word!");

QByteArray fixture(const QString &name)
{
    QFile file(qEnvironmentVariable("PORTICO_TEST_DATA") + QStringLiteral("/commerceml/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

quint32 crc32Of(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t {};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data)
        crc = table[(crc ^ static_cast<quint8>(byte)) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

void put16(QByteArray &out, quint32 value)
{
    out.append(static_cast<char>(value & 0xFF)).append(static_cast<char>((value >> 8) & 0xFF));
}

void put32(QByteArray &out, quint32 value)
{
    put16(out, value & 0xFFFF);
    put16(out, value >> 16);
}

// A zip archive with stored (uncompressed) entries, as the test's own: the server reads it
// with libzip, so the test does not.
QByteArray zipOf(const QList<std::pair<QByteArray, QByteArray>> &entries)
{
    QByteArray out;
    QByteArray directory;
    for (const auto &[name, content] : entries) {
        const auto offset = static_cast<quint32>(out.size());
        const quint32 crc = crc32Of(content);
        const auto size = static_cast<quint32>(content.size());
        const auto nameSize = static_cast<quint32>(name.size());
        put32(out, 0x04034b50);
        put16(out, 20);
        put16(out, 0x0800); // UTF-8 names
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put32(out, crc);
        put32(out, size);
        put32(out, size);
        put16(out, nameSize);
        put16(out, 0);
        out += name + content;
        put32(directory, 0x02014b50);
        put16(directory, 20);
        put16(directory, 20);
        put16(directory, 0x0800);
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0);
        put32(directory, crc);
        put32(directory, size);
        put32(directory, size);
        put16(directory, nameSize);
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0);
        put16(directory, 0);
        put32(directory, 0);
        put32(directory, offset);
        directory += name;
    }
    const auto directoryOffset = static_cast<quint32>(out.size());
    out += directory;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<quint32>(entries.size()));
    put16(out, static_cast<quint32>(entries.size()));
    put32(out, static_cast<quint32>(directory.size()));
    put32(out, directoryOffset);
    put16(out, 0);
    return out;
}

QByteArray catalogOf(const QStringList &ids)
{
    QString xml = QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<КоммерческаяИнформация "
                                 "ВерсияСхемы=\"2.10\"><Каталог СодержитТолькоИзменения=\"true\"><Товары>");
    for (const QString &id : ids)
        xml += QStringLiteral("<Товар><Ид>%1</Ид><Наименование>Товар %1</Наименование></Товар>").arg(id);
    return (xml + QStringLiteral("</Товары></Каталог></КоммерческаяИнформация>")).toUtf8();
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray headers;
    QByteArrayList lines() const { return body.split('\n'); }
    QByteArray first() const { return lines().value(0); }
    QString text() const { return QString::fromUtf8(body); }
};

} // namespace

// The 1C exchange against a real portico-server, step by step as 1C sends them: sign-in,
// chunked and zipped uploads, imports answered with progress, orders handed out until 1C
// confirms them, their state coming back, and the refusals.
class TestExchange final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<TestServer> m_server;
    QString m_cookie; // "portico_exchange=<id>"
    Id m_customerId = Id::createUuid();
    Id m_adminId;

    bool addUser(const QStringList &arguments)
    {
        const CliResult result
            = runUserCli(QStringList {QStringLiteral("add")} + arguments + m_db->serverArguments(),
                         Password.toUtf8() + '\n');
        if (result.exitCode != 0)
            qWarning("user add failed: %s", result.err.constData());
        return result.exitCode == 0;
    }

    static QByteArray basic(const QString &login, const QString &password = Password)
    {
        return "Authorization: Basic " + (login + QLatin1Char(':') + password).toUtf8().toBase64() + "\r\n";
    }

    Reply call(const QByteArray &query, const QByteArray &body = {}, const QByteArray &auth = {},
               const QByteArray &method = {})
    {
        const QByteArray verb = method.isEmpty() ? QByteArray(body.isEmpty() ? "GET" : "POST") : method;
        QByteArray request
            = verb + " /exchange/1c?" + query + " HTTP/1.1\r\nHost: x\r\nUser-Agent: 1C+Enterprise/8.3\r\n";
        request += auth.isEmpty() ? "Cookie: " + m_cookie.toLatin1() + "\r\n" : auth;
        if (verb == "POST")
            request += "Content-Type: application/octet-stream\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n";
        request += "\r\n" + body;
        const RawHttpReply raw = rawHttp(m_server->port(), request, 60000);
        return {raw.status, raw.body, raw.headers};
    }

    // `import` until it is done, as 1C polls; whether any answer was `progress`.
    Reply importUntilDone(const QByteArray &type, const QByteArray &file, bool *sawProgress = nullptr)
    {
        for (int i = 0; i < 600; ++i) {
            const Reply reply = call("type=" + type + "&mode=import&filename=" + file);
            if (reply.first() != "progress")
                return reply;
            if (sawProgress)
                *sawProgress = true;
            QTest::qWait(20);
        }
        return {};
    }

    void upload(const QByteArray &type, const QByteArray &name, const QByteArray &content, int chunks = 1)
    {
        const qsizetype size = (content.size() + chunks - 1) / chunks;
        for (qsizetype at = 0; at < content.size(); at += size) {
            const Reply reply = call("type=" + type + "&mode=file&filename=" + name, content.mid(at, size));
            QCOMPARE(reply.status, 200);
            QVERIFY2(reply.first() == "success", reply.body.constData());
        }
    }

    qint64 count(const QString &sql)
    {
        return m_db->database().read([&](QSqlDatabase &tx) {
            Sql q(tx, sql);
            q.exec();
            return q.next() ? q.value(0).toLongLong() : -1;
        });
    }

    std::optional<Id> productId(const QString &externalId)
    {
        return m_db->database().read([&](QSqlDatabase &tx) {
            return CatalogRepository(tx).idForExternal(QStringLiteral("products"), externalId);
        });
    }

    void startSession()
    {
        const Reply auth = call("type=catalog&mode=checkauth", {}, basic(QStringLiteral("onec")));
        QCOMPARE(auth.status, 200);
        const QByteArrayList lines = auth.lines();
        QCOMPARE(lines.value(0), QByteArray("success"));
        QCOMPARE(lines.value(1), QByteArray("portico_exchange"));
        QVERIFY(!lines.value(2).isEmpty());
        QCOMPARE(lines.value(3), "sessid=" + lines.value(2));
        QVERIFY(lines.value(4).startsWith("timestamp="));
        m_cookie = QString::fromLatin1(lines.value(1) + '=' + lines.value(2));
        const Reply init = call("type=catalog&mode=init");
        QCOMPARE(init.first(), QByteArray("zip=yes"));
        QVERIFY(init.lines().value(1).startsWith("file_limit="));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->create(), qPrintable(m_db->errorString()));
        QVERIFY(addUser({QStringLiteral("admin"), QStringLiteral("--role"), QStringLiteral("admin")}));
        QVERIFY(addUser({QStringLiteral("onec"), QStringLiteral("--role"), QStringLiteral("exchange")}));
        QVERIFY(addUser({QStringLiteral("rep1"), QStringLiteral("--role"), QStringLiteral("sales_rep")}));
        m_db->database().write([&](QSqlDatabase &tx) {
            Customer customer;
            customer.id = m_customerId;
            customer.externalId = QStringLiteral("k-42");
            customer.name = QStringLiteral("Ромашка");
            customer.legalName = QStringLiteral("ООО «Ромашка»");
            customer.inn = QStringLiteral("7707083893");
            customer.kpp = QStringLiteral("773601001");
            customer.addresses
                = {{AddressKind::Legal, QStringLiteral("Москва, ул. Ленина, 1"), QStringLiteral("101000")}};
            FeedBatch feed;
            CustomerRepository(tx).upsert({customer}, feed);
            feed.append(tx);
        });
        m_adminId = m_db->database()
                        .read([](QSqlDatabase &tx) {
                            return UserRepository(tx).findByLogin(QStringLiteral("admin"));
                        })
                        ->user.id;
        m_db->database().releaseThreadConnection();
        m_server = std::make_unique<TestServer>(
            m_db->serverArguments()
            + QStringList {QStringLiteral("--exchange-upload-limit"), QStringLiteral("2"),
                           QStringLiteral("--exchange-progress-wait"), QStringLiteral("0")});
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }

    void signInIsRequired_data()
    {
        QTest::addColumn<QByteArray>("auth");
        QTest::newRow("nothing") << QByteArray("X-None: 1\r\n");
        QTest::newRow("wrong password") << basic(QStringLiteral("onec"), QStringLiteral("nope-nope-nope"));
        QTest::newRow("not an exchange user") << basic(QStringLiteral("rep1"));
        QTest::newRow("unknown session") << QByteArray("Cookie: portico_exchange=0123456789abcdef\r\n");
        QTest::newRow("a bearer token") << QByteArray("Authorization: Bearer abc\r\n");
    }

    void signInIsRequired()
    {
        QFETCH(QByteArray, auth);
        const Reply reply = call("type=catalog&mode=checkauth", {}, auth);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.first(), QByteArray("failure"));
        QVERIFY(!reply.lines().value(1).isEmpty());
        QVERIFY(reply.headers.contains("WWW-Authenticate: Basic"));
    }

    // checkauth -> init -> a file in chunks -> import answered with progress until done.
    void fullCatalogExchange()
    {
        startSession();
        upload("catalog", "import0_1.xml",
               fixture(QStringLiteral("dobromyslov__commerceml-parser/import0_1.xml")), 4);
        bool progress = false;
        const Reply imported = importUntilDone("catalog", "import0_1.xml", &progress);
        QVERIFY2(imported.first() == "success", imported.body.constData());
        QVERIFY(progress);
        QVERIFY(imported.text().contains(QStringLiteral("products=36")));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM products")), 36);

        // The offers portion names 8 products of another portion: refused until it came.
        const QByteArray offers = fixture(QStringLiteral("dobromyslov__commerceml-parser/offers0_1.xml"));
        upload("catalog", "offers0_1.xml", offers, 2);
        const Reply refused = importUntilDone("catalog", "offers0_1.xml");
        QCOMPARE(refused.first(), QByteArray("failure"));
        QVERIFY2(refused.text().contains(QStringLiteral("never imported")), refused.body.constData());
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM prices")), 0);

        QStringList missing;
        static const QRegularExpression offer(QStringLiteral("<Предложение>\\s*<Ид>([^<]+)</Ид>"));
        for (auto it = offer.globalMatch(QString::fromUtf8(offers)); it.hasNext();) {
            const QString id = it.next().captured(1);
            if (!productId(id))
                missing << id;
        }
        startSession(); // a new exchange: init wiped the folder and forgot its imports
        upload("catalog", "import0_2.xml", catalogOf(missing));
        QCOMPARE(importUntilDone("catalog", "import0_2.xml").first(), QByteArray("success"));
        upload("catalog", "offers0_1.xml", offers);
        const Reply priced = importUntilDone("catalog", "offers0_1.xml");
        QVERIFY2(priced.first() == "success", priced.body.constData());
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM prices")), 44);
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stock")), 132);
        QCOMPARE(call("type=catalog&mode=complete").first(), QByteArray("success"));
    }

    // `import` of a zip's own name imports the XML files it held.
    void importOfAnArchiveImportsItsXmlFiles()
    {
        startSession();
        const QByteArray zip = zipOf(
            {{"b/groups.xml", fixture(QStringLiteral("ArgentCrusade__commerceml/group-example.xml"))},
             {"a/import.xml", fixture(QStringLiteral("ArgentCrusade__commerceml/products-example.xml"))},
             {"a/notes.txt", "not imported"}});
        upload("catalog", "named.zip", zip, 2);
        const Reply imported = importUntilDone("catalog", "named.zip");
        QVERIFY2(imported.first() == "success", imported.body.constData());
        QVERIFY2(imported.body.contains("products=") && imported.body.contains("groups="),
                 imported.body.constData());
        QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM products WHERE external_id = "
                                     "'ac0184b3-7821-11e6-80ca-a72a8c906e0a'"))
                == 1);
    }

    // A zipped package with an image under import_files/: unpacked with libzip, the image put
    // into the blob store and served to signed-in users.
    void zippedPackageWithImages()
    {
        startSession();
        const QByteArray image = QByteArray::fromHex("ffd8ffe000104a464946") + QByteArray("zipped image");
        const QByteArray zip = zipOf(
            {{"import.xml", fixture(QStringLiteral("ArgentCrusade__commerceml/products-example.xml"))},
             {"import_files/ac/ac0184b3-7821-11e6-80ca-a72a8c906e0a_eda38572-b3ce-11e7-80ed-bfaadcf435ce.jpg",
              image}});
        upload("catalog", "package.zip", zip, 3);
        const Reply imported = importUntilDone("catalog", "import.xml");
        QVERIFY2(imported.first() == "success", imported.body.constData());
        const QString ref = m_db->database().read([&](QSqlDatabase &tx) {
            Sql q(tx, QStringLiteral("SELECT image_ref FROM products WHERE external_id = :e"));
            q.bind(QStringLiteral(":e"), QStringLiteral("ac0184b3-7821-11e6-80ca-a72a8c906e0a")).exec();
            return q.next() ? q.value(0).toString() : QString();
        });
        QCOMPARE(ref.size(), 64);
        const auto login = rawHttp(
            m_server->port(),
            "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: "
                + QByteArray::number(AuthFixture::loginBody(QStringLiteral("admin"), Password).size())
                + "\r\n\r\n" + AuthFixture::loginBody(QStringLiteral("admin"), Password));
        const QString token
            = QJsonDocument::fromJson(login.body).object().value(QStringLiteral("access_token")).toString();
        const RawHttpReply blob
            = rawHttp(m_server->port(),
                      "GET /api/v1/blobs/" + ref.toLatin1() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                          + token.toLatin1() + "\r\n\r\n");
        QCOMPARE(blob.status, 200);
        QCOMPARE(blob.body, image);
    }

    void badInputAnswersFailureAndChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("importName");
        QTest::addColumn<QString>("reason");
        const QByteArray good = catalogOf({QStringLiteral("bad-1")});
        QTest::newRow("malformed XML")
            << QByteArray("a.xml") << QByteArray(good).replace("</Товар>", "</Товары>") << QByteArray("a.xml")
            << QStringLiteral("line");
        QTest::newRow("truncated") << QByteArray("b.xml") << good.left(good.size() / 2) << QByteArray("b.xml")
                                   << QStringLiteral("truncated");
        QTest::newRow("entity expansion")
            << QByteArray("c.xml")
            << QByteArray(
                   "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                   "<КоммерческаяИнформация><Каталог><Товары><Товар><Ид>bad-1</Ид><Наименование>&b;"
                   "</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>")
            << QByteArray("c.xml") << QStringLiteral("DOCTYPE");
        QTest::newRow("unknown price type")
            << QByteArray("d.xml")
            << QByteArray("<?xml version=\"1.0\" "
                          "encoding=\"UTF-8\"?><КоммерческаяИнформация><Каталог><Товары><Товар>"
                          "<Ид>bad-1</Ид><Наименование>Болт</Наименование></Товар></Товары></"
                          "Каталог><ПакетПредложений>"
                          "<Предложения><Предложение><Ид>bad-1</Ид><Цены><Цена><ИдТипаЦены>nope</ИдТипаЦены>"
                          "<ЦенаЗаЕдиницу>1</ЦенаЗаЕдиницу></Цена></Цены></Предложение></Предложения>"
                          "</ПакетПредложений></КоммерческаяИнформация>")
            << QByteArray("d.xml") << QStringLiteral("price type nope");
        QTest::newRow("wrong encoding declaration")
            << QByteArray("w.xml")
            << QByteArray("<?xml version=\"1.0\" "
                          "encoding=\"UTF-8\"?><КоммерческаяИнформация><Каталог><Товары><Товар>"
                          "<Ид>bad-1</Ид><Наименование>")
                + QByteArray("\xc3\xe2\xee\xe7\xe4\xfc") // "Гвоздь" in windows-1251
                + QByteArray("</Наименование></Товар></Товары></Каталог></КоммерческаяИнформация>")
            << QByteArray("w.xml") << QStringLiteral("encoded");
        QTest::newRow("zip entry escaping the folder")
            << QByteArray("e.zip") << zipOf({{"../../escape.xml", good}}) << QByteArray("escape.xml")
            << QStringLiteral("not allowed");
        // Stored in the archive and unpacked beside it, 1.5 MiB twice pass the server's 2 MiB.
        QTest::newRow("unpacking past the limit")
            << QByteArray("h.zip") << zipOf({{"big.xml", QByteArray(1536 * 1024, ' ')}})
            << QByteArray("big.xml") << QStringLiteral("limit");
        QTest::newRow("never uploaded")
            << QByteArray("f.xml") << good << QByteArray("g.xml") << QStringLiteral("was not uploaded");
    }

    void badInputAnswersFailureAndChangesNothing()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, importName);
        QFETCH(QString, reason);
        startSession();
        const qint64 head = count(QStringLiteral("SELECT head FROM feed_state"));
        upload("catalog", name, content);
        const Reply reply = importUntilDone("catalog", importName);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.first(), QByteArray("failure"));
        QVERIFY2(reply.text().contains(reason), reply.body.constData());
        QCOMPARE(reply.lines().size(), 2);
        QVERIFY(!productId(QStringLiteral("bad-1")));
        QCOMPARE(count(QStringLiteral("SELECT head FROM feed_state")), head);
        QVERIFY(!QFile::exists(m_server->dataDir() + QStringLiteral("/escape.xml")));
    }

    void fileNamesAreChecked_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("parent") << QByteArray("..%2F..%2Fportico.db");
        QTest::newRow("absolute") << QByteArray("%2Fetc%2Fpasswd");
        QTest::newRow("backslashes") << QByteArray("..%5C..%5Cx.xml");
        QTest::newRow("inner parent") << QByteArray("import_files%2F..%2F..%2Fx.xml");
        QTest::newRow("drive") << QByteArray("C:%5Cx.xml");
    }

    void fileNamesAreChecked()
    {
        QFETCH(QByteArray, name);
        startSession();
        const Reply reply = call("type=catalog&mode=file&filename=" + name, "<x/>");
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.first(), QByteArray("failure"));
        QVERIFY(reply.text().contains(QStringLiteral("not allowed")));
        QCOMPARE(call("type=catalog&mode=import&filename=" + name).first(), QByteArray("failure"));
    }

    void uploadsPastTheLimitAreRefused()
    {
        startSession();
        const QByteArray chunk(1200 * 1024, 'x');
        QCOMPARE(call("type=catalog&mode=file&filename=big.xml", chunk).first(), QByteArray("success"));
        const Reply refused = call("type=catalog&mode=file&filename=big.xml", chunk);
        QCOMPARE(refused.first(), QByteArray("failure"));
        QVERIFY2(refused.text().contains(QStringLiteral("limit")), refused.body.constData());
        QCOMPARE(importUntilDone("catalog", "big.xml").first(), QByteArray("failure"));
    }

    // A client that keeps no cookie signs every step with Basic and stays in its session.
    void basicOnEveryStep()
    {
        const QByteArray auth = basic(QStringLiteral("onec"));
        const Reply checked = call("type=catalog&mode=checkauth", {}, auth);
        QCOMPARE(checked.first(), QByteArray("success"));
        QCOMPARE(call("type=catalog&mode=init", {}, auth).lines().value(2),
                 "sessid=" + checked.lines().value(2));
        QCOMPARE(
            call("type=catalog&mode=file&filename=basic.xml", catalogOf({QStringLiteral("basic-1")}), auth)
                .first(),
            QByteArray("success"));
        Reply imported;
        for (int i = 0; i < 600 && imported.first() != "success" && imported.first() != "failure"; ++i) {
            imported = call("type=catalog&mode=import&filename=basic.xml", {}, auth);
            QTest::qWait(imported.first() == "progress" ? 20 : 0);
        }
        QVERIFY2(imported.first() == "success", imported.body.constData());
        QVERIFY(productId(QStringLiteral("basic-1")));
    }

    // query -> (query again: the same order) -> success (exported) -> file with 1C's changes.
    void ordersToAndFrom1C()
    {
        const auto product = productId(QStringLiteral("bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1"));
        QVERIFY(product);
        const Id orderId = Id::createUuid();
        QString number;
        m_db->database().write([&](QSqlDatabase &tx) {
            OrderRepository orders(tx);
            StoredOrder stored;
            Order &order = stored.order;
            order.id = orderId;
            order.number = number = orders.nextNumber();
            order.clientNumber = QStringLiteral("T-000001");
            order.customerId = m_customerId;
            order.createdBy = m_adminId;
            order.status = OrderStatus::Accepted;
            order.createdAt = QDateTime::currentDateTimeUtc();
            const Currency rub = Currency::rub();
            order.lines = {{1, *product, Quantity::fromInt(2), Money::fromMinor(150000, rub), 0,
                            VatRate::Twenty, Money::fromMinor(300000, rub), Money::fromMinor(50000, rub),
                            Money::fromMinor(300000, rub)}};
            order.totals = {Money::fromMinor(250000, rub), Money::fromMinor(50000, rub),
                            Money::fromMinor(300000, rub), Money::zero(rub)};
            stored.requestHash = QStringLiteral("test");
            orders.insert(stored);
        });
        const Reply auth = call("type=sale&mode=checkauth", {}, basic(QStringLiteral("onec")));
        m_cookie = QString::fromLatin1(auth.lines().value(1) + '=' + auth.lines().value(2));
        QCOMPARE(call("type=sale&mode=init").first(), QByteArray("zip=yes"));

        const Reply first = call("type=sale&mode=query");
        QCOMPARE(first.status, 200);
        QVERIFY(first.headers.contains("application/xml"));
        const QString xml = first.text();
        QVERIFY(xml.startsWith(QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")));
        for (const QString &expected :
             {idText(orderId), number, QStringLiteral("<ХозОперация>Заказ товара</ХозОперация>"),
              QStringLiteral("<ИНН>7707083893</ИНН>"), QStringLiteral("<КПП>773601001</КПП>"),
              QStringLiteral("<Ид>bd8c4e15-18f9-11e7-80c2-0cc47ab29cd1</Ид>"),
              QStringLiteral("<Артикул>PM-421-WP</Артикул>"),
              QStringLiteral("<ЦенаЗаЕдиницу>1500.00</ЦенаЗаЕдиницу>"),
              QStringLiteral("<Количество>2</Количество>"), QStringLiteral("<Сумма>3000.00</Сумма>"),
              QStringLiteral("<Сумма>500.00</Сумма>"), QStringLiteral("<Значение>Принят</Значение>")})
            QVERIFY2(xml.contains(expected), qPrintable(expected));
        // Until 1C says success, the same orders come again.
        QVERIFY(call("type=sale&mode=query").text().contains(idText(orderId)));
        QCOMPARE(call("type=sale&mode=success").first(), QByteArray("success"));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM orders WHERE status = 'exported'")), 1);
        QVERIFY(!call("type=sale&mode=query").text().contains(idText(orderId)));

        // 1C's answer: its number, posted, shipped.
        const QByteArray changes
            = QStringLiteral(
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?><КоммерческаяИнформация "
                  "ВерсияСхемы=\"2.10\"><Документ>"
                  "<Ид>%1</Ид><Номер>%2</Номер><Дата>2026-11-30</Дата><ХозОперация>Заказ товара</ХозОперация>"
                  "<ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>Номер по 1С</Наименование>"
                  "<Значение>УТ-000123</Значение></"
                  "ЗначениеРеквизита><ЗначениеРеквизита><Наименование>Проведен"
                  "</Наименование><Значение>true</Значение></"
                  "ЗначениеРеквизита><ЗначениеРеквизита><Наименование>"
                  "Номер отгрузки по 1С</Наименование><Значение>РТУ-77</Значение></ЗначениеРеквизита>"
                  "</ЗначенияРеквизитов></Документ></КоммерческаяИнформация>")
                  .arg(idText(orderId), number)
                  .toUtf8();
        const qint64 head = count(QStringLiteral("SELECT head FROM feed_state"));
        const Reply file = call("type=sale&mode=file&filename=orders.xml", changes);
        QVERIFY2(file.first() == "success", file.body.constData());
        QCOMPARE(call("type=sale&mode=import&filename=orders.xml").first(), QByteArray("success"));
        QCOMPARE(
            count(QStringLiteral("SELECT COUNT(*) FROM orders WHERE status = 'shipped' AND external_id = "
                                 "'УТ-000123'")),
            1);
        QVERIFY(count(QStringLiteral("SELECT COUNT(*) FROM order_history WHERE order_id = '")
                      + idText(orderId) + QStringLiteral("' AND reason LIKE '1C:%'"))
                >= 1);
        QVERIFY(count(QStringLiteral("SELECT head FROM feed_state")) > head);
        // Changed since 1C confirmed it: it comes again, shipped.
        const QString again = call("type=sale&mode=query").text();
        QVERIFY(again.contains(idText(orderId)));
        QVERIFY(again.contains(QStringLiteral("<Значение>Отгружен</Значение>")));

        // Its next changes in windows-1251, with no import asked for: the upload that ends the
        // file imports it.
        const QByteArray payment
            = QStringEncoder("windows-1251")
                  .encode(QStringLiteral(
                              "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<КоммерческаяИнформация "
                              "ВерсияСхемы=\"2.03\"><Документ><Ид>%1</Ид><Номер>%2</Номер>"
                              "<ХозОперация>Заказ товара</ХозОперация><ЗначенияРеквизитов>"
                              "<ЗначениеРеквизита><Наименование>Номер оплаты по 1С</Наименование>"
                              "<Значение>ПП-55</Значение></ЗначениеРеквизита></ЗначенияРеквизитов>"
                              "</Документ></КоммерческаяИнформация>\n\t\t")
                              .arg(idText(orderId), number));
        const QString paymentDocument
            = QStringLiteral("SELECT COUNT(*) FROM documents WHERE number = 'ПП-55' AND "
                             "external_id = '1c:payment:")
            + idText(orderId) + QLatin1Char('\'');
        QCOMPARE(count(paymentDocument), 0);
        const Reply paid = call("type=sale&mode=file&filename=payment.xml", payment);
        QVERIFY2(paid.first() == "success", paid.body.constData());
        QCOMPARE(count(paymentDocument), 1);

        // Zipped (init said zip=yes) and in two pieces: imported once its last piece is there.
        const auto cp1251 = [](const QString &text) -> QByteArray {
            return QStringEncoder("windows-1251").encode(text);
        };
        const QByteArray zipped = zipOf({{"from1c/changes.xml",
                                          QByteArray(payment).replace(cp1251(QStringLiteral("ПП-55")),
                                                                      cp1251(QStringLiteral("ПП-56")))}});
        const QString secondPayment
            = QStringLiteral("SELECT COUNT(*) FROM documents WHERE number = 'ПП-56' AND "
                             "external_id = '1c:payment:")
            + idText(orderId) + QLatin1Char('\'');
        const qsizetype half = zipped.size() / 2;
        const Reply firstHalf = call("type=sale&mode=file&filename=changes.zip", zipped.left(half));
        QCOMPARE(firstHalf.lines(), QList<QByteArray> {"success"});
        QCOMPARE(count(secondPayment), 0);
        const Reply secondHalf = call("type=sale&mode=file&filename=changes.zip", zipped.mid(half));
        QVERIFY2(secondHalf.first() == "success", secondHalf.body.constData());
        QVERIFY2(secondHalf.body.contains("orders=1"), secondHalf.body.constData());
        QCOMPARE(count(secondPayment), 1);
        // 1C asking for the import of the file the archive held gets that import's answer.
        const Reply asked = call("type=sale&mode=import&filename=from1c/changes.xml");
        QVERIFY2(asked.first() == "success" && asked.body.contains("orders=1"), asked.body.constData());
        QCOMPARE(count(secondPayment), 1);
        // An archive without an XML file is refused with the reason.
        const Reply empty
            = call("type=sale&mode=file&filename=empty.zip", zipOf({{"readme.txt", "nothing to import"}}));
        QCOMPARE(empty.first(), QByteArray("failure"));
        QVERIFY2(empty.body.contains("no XML file"), empty.body.constData());
    }

    // `portico-server import`: the same importer without HTTP, CSV here, one JSON line per file.
    void theImportCommand()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const QByteArray &content) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
                qFatal("cannot write %s", qPrintable(name));
            return file.fileName();
        };
        const QString products
            = write(QStringLiteral("products.csv"),
                    "product_id;sku;name;vat_rate\ncli-1;CLI-1;Гвоздь 100;20\ncli-2;CLI-2;Гвоздь 120;20\n");
        const QString prices
            = write(QStringLiteral("prices.csv"),
                    "product_id;price_type_id;price_type_name;price\ncli-1;cli-retail;Розница;"
                    "\"1,5\"\ncli-2;cli-retail;Розница;2\n");
        const QString broken = write(QStringLiteral("broken.xml"), "<КоммерческаяИнформация><Каталог>");
        QProcess process;
        process.start(QStringLiteral(PORTICO_SERVER_BINARY),
                      QStringList {QStringLiteral("import")} + m_db->serverArguments()
                          + QStringList {products, prices});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(lines.at(0))
                     .object()
                     .value(QStringLiteral("counts"))
                     .toObject()
                     .value(QStringLiteral("products")),
                 QJsonValue(2));
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM prices WHERE unit_price_minor = 150")), 1);

        process.start(QStringLiteral(PORTICO_SERVER_BINARY),
                      QStringList {QStringLiteral("import")} + m_db->serverArguments()
                          + QStringList {broken, products});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
        const QByteArray out = process.readAllStandardOutput().trimmed();
        QVERIFY2(out.contains("\"error\"") && !out.contains('\n'),
                 out.constData()); // stopped at the broken file

        process.start(QStringLiteral(PORTICO_SERVER_BINARY), {QStringLiteral("--help")});
        QVERIFY(process.waitForFinished(20000));
        QVERIFY(process.readAllStandardOutput().contains("import"));
    }

    void theExchangeLog()
    {
        const QByteArray body = AuthFixture::loginBody(QStringLiteral("admin"), Password);
        const auto login = rawHttp(m_server->port(),
                                   "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                   "application/json\r\nContent-Length: "
                                       + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        const QString token
            = QJsonDocument::fromJson(login.body).object().value(QStringLiteral("access_token")).toString();
        const RawHttpReply log = rawHttp(m_server->port(),
                                         "GET /api/v1/admin/exchanges?limit=100 HTTP/1.1\r\nHost: "
                                         "x\r\nAuthorization: Bearer "
                                             + token.toLatin1() + "\r\n\r\n");
        QCOMPARE(log.status, 200);
        const QJsonArray exchanges
            = QJsonDocument::fromJson(log.body).object().value(QStringLiteral("exchanges")).toArray();
        QVERIFY(exchanges.size() >= 3);
        bool importWithCounts = false;
        bool failureWithError = false;
        bool upload = false;
        for (const auto &item : exchanges) {
            const QJsonObject exchange = item.toObject();
            const QString who = exchange.value(QStringLiteral("login")).toString();
            QVERIFY2(who == QLatin1String("onec") || who == QLatin1String("portico-server import"),
                     qPrintable(who));
            for (const auto &s : exchange.value(QStringLiteral("steps")).toArray()) {
                const QJsonObject step = s.toObject();
                const QString mode = step.value(QStringLiteral("mode")).toString();
                const QString outcome = step.value(QStringLiteral("outcome")).toString();
                if (mode == QLatin1String("import") && outcome == QLatin1String("success")
                    && step.value(QStringLiteral("counts"))
                            .toObject()
                            .value(QStringLiteral("products"))
                            .toInt()
                        == 36)
                    importWithCounts = true;
                if (outcome == QLatin1String("failure")
                    && !step.value(QStringLiteral("error")).toString().isEmpty())
                    failureWithError = true;
                if (mode == QLatin1String("file") && step.value(QStringLiteral("bytes")).toInteger() > 0)
                    upload = true;
            }
        }
        QVERIFY(importWithCounts);
        QVERIFY(failureWithError);
        QVERIFY(upload);
    }
};

QTEST_GUILESS_MAIN(TestExchange)
#include "tst_exchange.moc"
