#include "api/jsonbody.h"
#include "http/apierror.h"

#include <QTest>

#include <climits>
#include <string>

using namespace portico::server;

namespace {

// `depth` levels: [[...[1]...]] or {"a":{"a":...1...}}.
std::string nested(int depth, bool objects = false)
{
    std::string text;
    for (int i = 0; i < depth; ++i)
        text += objects ? "{\"a\":" : "[";
    text += "1";
    for (int i = 0; i < depth; ++i)
        text += objects ? "}" : "]";
    return text;
}

// An object whose "x" member nests so that the whole body is `depth` levels deep.
std::string bodyOfDepth(int depth)
{
    return "{\"name\":\"n\",\"x\":" + nested(depth - 1) + "}";
}

} // namespace

// The byte scan that refuses request bodies nested deeper than MaxJsonDepth before
// QJsonDocument parses them.
class TestJsonDepth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void depth_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("depth");
        QTest::newRow("empty") << QByteArray() << 0;
        QTest::newRow("scalar") << QByteArray("42") << 0;
        QTest::newRow("string") << QByteArray("\"[{\"") << 0;
        QTest::newRow("empty object") << QByteArray("{}") << 1;
        QTest::newRow("empty array") << QByteArray("[]") << 1;
        QTest::newRow("siblings do not add up") << QByteArray("[[],{},[1,2]]") << 2;
        QTest::newRow("objects and arrays") << QByteArray("{\"a\":[{\"b\":[1]}]}") << 4;
        QTest::newRow("brackets in a string") << QByteArray("{\"a\":\"[[[[{{{{\"}") << 1;
        QTest::newRow("brackets in a key") << QByteArray("{\"[[[[\":1}") << 1;
        QTest::newRow("escaped quote keeps the string open") << QByteArray("{\"a\":\"\\\"[[[[[\"}") << 1;
        QTest::newRow("escaped backslash ends before the quote")
            << QByteArray("{\"a\":\"\\\\\",\"b\":[[1]]}") << 3;
        QTest::newRow("unicode escape of a quote") << QByteArray("{\"a\":\"\\u0022[[[[\"}") << 1;
        QTest::newRow("multibyte text") << QByteArray("{\"имя\":[\"Болт «М10»\"]}") << 2;
        QTest::newRow("stray closers do not go below zero") << QByteArray("]]]}}[") << 1;
        QTest::newRow("unterminated string hides the rest") << QByteArray("{\"a\":\"[[[[") << 1;
        QTest::newRow("64 arrays") << QByteArray::fromStdString(nested(64)) << 64;
        QTest::newRow("64 objects") << QByteArray::fromStdString(nested(64, true)) << 64;
        QTest::newRow("65 arrays") << QByteArray::fromStdString(nested(65)) << 65;
    }

    void depth()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, depth);
        QCOMPARE(jsonNestingDepth(json.toStdString(), INT_MAX), depth);
    }

    void stopsAtTheLimit()
    {
        const std::string deep = nested(100000);
        QCOMPARE(jsonNestingDepth(deep), MaxJsonDepth + 1);
        QCOMPARE(jsonNestingDepth(deep, 10), 10);
        QCOMPARE(jsonNestingDepth(deep, INT_MAX), 100000);
    }

    void bodiesOverTheLimitAreBadRequests_data()
    {
        QTest::addColumn<int>("depth");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("1") << 1 << true;
        QTest::newRow("63") << 63 << true;
        QTest::newRow("64") << MaxJsonDepth << true;
        QTest::newRow("65") << MaxJsonDepth + 1 << false;
        QTest::newRow("1025 (past QJsonDocument's own limit)") << 1025 << false;
        QTest::newRow("100000") << 100000 << false;
    }

    void bodiesOverTheLimitAreBadRequests()
    {
        QFETCH(int, depth);
        QFETCH(bool, accepted);
        HttpRequest request;
        request.method = HttpMethod::Post;
        request.body = bodyOfDepth(depth);
        QCOMPARE(jsonNestingDepth(request.body, INT_MAX), depth);
        try {
            const QJsonObject object = jsonObjectBody(request);
            QVERIFY2(accepted, "a body over the limit was parsed");
            QCOMPARE(object.value(QStringLiteral("name")).toString(), QStringLiteral("n"));
        } catch (const ApiError &error) {
            QVERIFY2(!accepted, qPrintable(error.message()));
            QCOMPARE(error.code(), ApiErrorCode::BadRequest);
            QCOMPARE(error.message(), QStringLiteral("JSON nested deeper than 64 levels"));
            QCOMPARE(error.field(), QStringLiteral("$"));
        }
    }

    void requireJsonDepthChecksRawBodies()
    {
        requireJsonDepth(nested(MaxJsonDepth));
        QVERIFY_THROWS_EXCEPTION(ApiError, requireJsonDepth(nested(MaxJsonDepth + 1)));
        // The scan comes first: a body that is deep and malformed is refused for its depth.
        try {
            HttpRequest request;
            request.body = std::string(200, '[');
            jsonObjectBody(request);
            QFAIL("an unterminated deep body was accepted");
        } catch (const ApiError &error) {
            QCOMPARE(error.message(), QStringLiteral("JSON nested deeper than 64 levels"));
        }
    }
};

QTEST_APPLESS_MAIN(TestJsonDepth)
#include "tst_jsondepth.moc"
