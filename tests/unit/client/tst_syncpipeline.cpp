#include "cache/catalogcache.h"
#include "compression.h"
#include "fakehttpserver.h"
#include "sync/syncengine.h"
#include "testclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace portico;
using namespace portico::client;
using namespace portico::test;

namespace {

constexpr int Pages = 3;
constexpr int RowsPerPage = 4;
const QByteArray Epoch = "e1.0";

// Page `index` (0-based) of a feed of warehouses: seq numbers 1.., cursor = its last seq.
QByteArray pageBody(int index, qint64 cursorInBody = -1)
{
    QJsonArray changes;
    for (int i = 0; i < RowsPerPage; ++i) {
        const int seq = index * RowsPerPage + i + 1;
        const QString id = QUuid::createUuidV5(QUuid(), QString::number(seq)).toString(QUuid::WithoutBraces);
        changes.append(QJsonObject {
            {QStringLiteral("seq"), seq},
            {QStringLiteral("entity"), QStringLiteral("warehouse")},
            {QStringLiteral("id"), id},
            {QStringLiteral("deleted"), false},
            {QStringLiteral("data"),
             QJsonObject {{QStringLiteral("id"), id},
                          {QStringLiteral("name"), QStringLiteral("Склад %1").arg(seq)},
                          {QStringLiteral("address"), QStringLiteral("ул. Ленина, %1").arg(seq)}}},
        });
    }
    const qint64 cursor = (index + 1) * RowsPerPage;
    return QJsonDocument(QJsonObject {
                             {QStringLiteral("epoch"), QString::fromLatin1(Epoch)},
                             {QStringLiteral("cursor"), cursorInBody >= 0 ? cursorInBody : cursor},
                             {QStringLiteral("head"), Pages * RowsPerPage},
                             {QStringLiteral("has_more"), index + 1 < Pages},
                             {QStringLiteral("resync"), false},
                             {QStringLiteral("changes"), changes},
                         })
        .toJson(QJsonDocument::Compact);
}

} // namespace

// How the engine fetches the pages of a pull: a server that announces the next page in the
// reply's headers gets that request before the page is parsed; one that does not is asked
// after; bodies come encoded as the client asked (zstd or gzip) and are decoded with the
// parse; headers that contradict their body stop the pull before the page is written.
class TestSyncPipeline final : public QObject
{
    Q_OBJECT

    bool m_announce = true;
    QByteArray m_encoding;
    qint64 m_lieAboutCursor = -1; // page 0's body says this cursor while its header says 4
    bool m_truncate = false; // encoded bodies lose their second half
    QList<qint64> m_cursors; // the cursor of each sync request, in order
    std::unique_ptr<FakeHttpServer> m_server;

    FakeResponse answer(const FakeRequest &request)
    {
        if (request.path() == "/api/v1/auth/login")
            return FakeResponse::json(200, tokenReply());
        if (request.path() != "/api/v1/sync")
            return FakeResponse::json(404, R"({"error":{"code":"not_found","message":"no"}})");
        const QUrlQuery query(QString::fromLatin1(request.target.mid(request.target.indexOf('?') + 1)));
        const qint64 cursor = query.queryItemValue(QStringLiteral("cursor")).toLongLong();
        m_cursors.append(cursor);
        const int index = static_cast<int>(cursor / RowsPerPage);
        const QByteArray body = pageBody(index, index == 0 ? m_lieAboutCursor : -1);
        FakeResponse response = FakeResponse::json(200, body);
        if (m_encoding == "zstd" && request.header("Accept-Encoding").contains("zstd"))
            response.body = zstd(body);
        else if (m_encoding == "gzip" && request.header("Accept-Encoding").contains("gzip"))
            response.body = gzip(body);
        if (response.body != body) {
            response.headers.append({"Content-Encoding", m_encoding});
            if (m_truncate)
                response.body.chop(response.body.size() / 2);
        }
        if (m_announce && index + 1 < Pages) {
            response.headers.append({"X-Portico-Next-Cursor", QByteArray::number((index + 1) * RowsPerPage)});
            response.headers.append({"X-Portico-Epoch", Epoch});
        }
        return response;
    }

    std::unique_ptr<TestClient> signedIn()
    {
        auto client = std::make_unique<TestClient>(m_server->url());
        if (!client->open() || !client->login(QStringLiteral("rep1"), QStringLiteral("demo")))
            return nullptr;
        return client;
    }

    qint64 storedCursor(TestClient &client)
    {
        return client.cache().run([](QSqlDatabase &db) { return CatalogCache::readSyncState(db).cursor; });
    }

private Q_SLOTS:
    void init()
    {
        m_announce = true;
        m_encoding.clear();
        m_lieAboutCursor = -1;
        m_truncate = false;
        m_cursors.clear();
        m_server = std::make_unique<FakeHttpServer>([this](const FakeRequest &r) { return answer(r); });
    }

    void pullsEveryPage_data()
    {
        QTest::addColumn<bool>("announce");
        QTest::addColumn<QByteArray>("encoding");
        QTest::newRow("announced, zstd") << true << QByteArray("zstd");
        QTest::newRow("announced, gzip") << true << QByteArray("gzip");
        QTest::newRow("announced, plain") << true << QByteArray();
        QTest::newRow("not announced, zstd") << false << QByteArray("zstd");
    }

    void pullsEveryPage()
    {
        QFETCH(bool, announce);
        QFETCH(QByteArray, encoding);
        m_announce = announce;
        m_encoding = encoding;
        auto client = signedIn();
        QVERIFY(client);
        const auto summary = client->sync();
        QVERIFY(summary);
        QVERIFY2(summary->ok, qPrintable(summary->error.toString()));
        QCOMPARE(summary->pages, Pages);
        QCOMPARE(summary->pulledRows, Pages * RowsPerPage);
        QCOMPARE(client->count(QStringLiteral("warehouse")), Pages * RowsPerPage);
        QCOMPARE(storedCursor(*client), Pages * RowsPerPage);
        QCOMPARE(m_cursors, (QList<qint64> {0, 4, 8}));
        // The client asked for the encodings it decodes itself.
        const FakeRequest &pull = m_server->requests().last();
        QCOMPARE(pull.header("Accept-Encoding"), QByteArray("zstd, gzip"));
    }

    // The header says the next page starts at 4, the body at 3: the page is not written, nothing
    // after it either, and the pull fails saying why.
    void headersThatContradictTheBodyStopThePull()
    {
        m_lieAboutCursor = 3;
        m_encoding = "zstd";
        auto client = signedIn();
        QVERIFY(client);
        const auto summary = client->sync();
        QVERIFY(summary);
        QVERIFY(!summary->ok);
        QCOMPARE(summary->error.kind, ApiError::Kind::Protocol);
        QVERIFY2(summary->error.message.contains(QLatin1String("cursor 4")),
                 qPrintable(summary->error.message));
        QCOMPARE(client->count(QStringLiteral("warehouse")), 0);
        QCOMPARE(storedCursor(*client), 0);
    }

    // A body that is not what its Content-Encoding says fails the pull; nothing is written.
    void aBodyThatDoesNotDecodeStopsThePull()
    {
        m_encoding = "zstd";
        auto client = signedIn();
        QVERIFY(client);
        m_truncate = true;
        const auto summary = client->sync();
        QVERIFY(summary);
        QVERIFY(!summary->ok);
        QCOMPARE(summary->error.kind, ApiError::Kind::Protocol);
        QVERIFY2(summary->error.message.contains(QLatin1String("zstd")), qPrintable(summary->error.message));
        QCOMPARE(client->count(QStringLiteral("warehouse")), 0);
    }
};

QTEST_MAIN(TestSyncPipeline)
#include "tst_syncpipeline.moc"
