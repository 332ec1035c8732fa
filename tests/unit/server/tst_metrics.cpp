#include "metrics/metrics.h"

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTest>

using namespace portico::server;
using namespace std::chrono_literals;

namespace {

QStringList linesOf(const std::string &text)
{
    return QString::fromStdString(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// The value of the sample line that starts with `series` ("name{labels}"), or -1.
double valueOf(const QStringList &lines, const QString &series)
{
    for (const auto &line : lines) {
        if (line.startsWith(series + QLatin1Char(' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

} // namespace

class TestMetrics final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyLineIsWellFormed()
    {
        Metrics metrics;
        metrics.requestFinished(HttpMethod::Get, 200, 3ms);
        metrics.requestFinished(HttpMethod::Post, 422, 40ms);
        const auto lines = linesOf(metrics.render({42, 1500ms, 250ms}));
        // Text format 0.0.4: comments, or name{label="value",...} value.
        static const QRegularExpression sample(
            QStringLiteral("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\",?)*\\})? "
                           "(-?[0-9.e+-]+|\\+Inf|NaN)$"));
        static const QRegularExpression comment(
            QStringLiteral("^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$"));
        QVERIFY(!lines.isEmpty());
        for (const auto &line : lines)
            QVERIFY2(sample.match(line).hasMatch() || comment.match(line).hasMatch(), qPrintable(line));
        for (const auto *family :
             {"portico_http_requests_total counter", "portico_http_request_duration_seconds histogram",
              "portico_db_seconds_total counter", "portico_db_writes_total counter",
              "portico_db_write_transactions_total counter", "portico_db_writer_cpu_seconds_total counter",
              "portico_feed_head gauge", "portico_websocket_clients gauge", "portico_http_connections gauge",
              "portico_order_terms_total counter"})
            QVERIFY2(lines.contains(QStringLiteral("# TYPE ") + QLatin1String(family)), family);
    }

    void requestsAreCountedByMethodAndStatus()
    {
        Metrics metrics;
        metrics.requestFinished(HttpMethod::Get, 200, 1ms);
        metrics.requestFinished(HttpMethod::Get, 200, 1ms);
        metrics.requestFinished(HttpMethod::Get, 404, 1ms);
        metrics.requestFinished(HttpMethod::Delete, 204, 1ms);
        const auto lines = linesOf(metrics.render({}));
        QCOMPARE(valueOf(lines, QStringLiteral(R"(portico_http_requests_total{method="GET",status="200"})")),
                 2.0);
        QCOMPARE(valueOf(lines, QStringLiteral(R"(portico_http_requests_total{method="GET",status="404"})")),
                 1.0);
        QCOMPARE(
            valueOf(lines, QStringLiteral(R"(portico_http_requests_total{method="DELETE",status="204"})")),
            1.0);
        // Combinations never seen are left out.
        QCOMPARE(valueOf(lines, QStringLiteral(R"(portico_http_requests_total{method="POST",status="200"})")),
                 -1.0);
    }

    void histogramIsCumulative()
    {
        Metrics metrics;
        metrics.requestFinished(HttpMethod::Get, 200, 2ms); // <= 0.005
        metrics.requestFinished(HttpMethod::Get, 200, 5ms); // <= 0.005 (bounds are inclusive)
        metrics.requestFinished(HttpMethod::Get, 200, 70ms); // <= 0.1
        metrics.requestFinished(HttpMethod::Get, 200, 30s); // +Inf only
        const auto lines = linesOf(metrics.render({}));
        const auto bucket = [&](const char *le) {
            return valueOf(lines,
                           QStringLiteral("portico_http_request_duration_seconds_bucket{le=\"")
                               + QLatin1String(le) + QStringLiteral("\"}"));
        };
        QCOMPARE(bucket("0.005"), 2.0);
        QCOMPARE(bucket("0.05"), 2.0);
        QCOMPARE(bucket("0.1"), 3.0);
        QCOMPARE(bucket("10"), 3.0);
        QCOMPARE(bucket("+Inf"), 4.0);
        QCOMPARE(valueOf(lines, QStringLiteral("portico_http_request_duration_seconds_count")), 4.0);
        QVERIFY(qAbs(valueOf(lines, QStringLiteral("portico_http_request_duration_seconds_sum")) - 30.077)
                < 1e-9);
        // Buckets never decrease and end with +Inf.
        double previous = 0;
        QString last;
        for (const auto &line : lines) {
            if (!line.startsWith(QStringLiteral("portico_http_request_duration_seconds_bucket")))
                continue;
            const double value = line.section(QLatin1Char(' '), 1).toDouble();
            QVERIFY(value >= previous);
            previous = value;
            last = line;
        }
        QVERIFY(last.contains(QStringLiteral("le=\"+Inf\"")));
    }

    void gaugesAndScrapedValues()
    {
        Metrics metrics;
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed();
        metrics.webSocketOpened();
        const auto lines = linesOf(metrics.render({1234, 2500ms, 500ms, 90, 12, 300ms, 930, 70, -10}));
        QCOMPARE(valueOf(lines, QStringLiteral("portico_http_connections")), 1.0);
        QCOMPARE(valueOf(lines, QStringLiteral("portico_websocket_clients")), 1.0);
        QCOMPARE(valueOf(lines, QStringLiteral("portico_feed_head")), 1234.0);
        QCOMPARE(valueOf(lines, QStringLiteral(R"(portico_db_seconds_total{mode="read"})")), 2.5);
        QCOMPARE(valueOf(lines, QStringLiteral(R"(portico_db_seconds_total{mode="write"})")), 0.5);
        QCOMPARE(valueOf(lines, QStringLiteral("portico_db_writes_total")), 90.0);
        QCOMPARE(valueOf(lines, QStringLiteral("portico_db_write_transactions_total")), 12.0);
        QCOMPARE(valueOf(lines, QStringLiteral("portico_db_writer_cpu_seconds_total")), 0.3);
        QCOMPARE(valueOf(lines, QStringLiteral(R"(portico_order_terms_total{source="memory"})")), 930.0);
        QCOMPARE(valueOf(lines, QStringLiteral(R"(portico_order_terms_total{source="database"})")), 70.0);
        QCOMPARE(valueOf(lines, QStringLiteral("portico_db_writer_nice")), -10.0);
    }

    void valuesNotKnownAreLeftOut()
    {
        Metrics metrics;
        const auto text = QString::fromStdString(metrics.render({}));
        QVERIFY(!text.contains(QStringLiteral("portico_feed_head")));
        QVERIFY(!text.contains(QStringLiteral("portico_db_writer_nice")));
    }

    void unusualStatusesAreCounted()
    {
        Metrics metrics;
        metrics.requestFinished(HttpMethod::Other, 0, 1ms);
        metrics.requestFinished(HttpMethod::Options, 999, 1ms);
        const auto lines = linesOf(metrics.render({}));
        QCOMPARE(
            valueOf(lines, QStringLiteral(R"(portico_http_requests_total{method="OTHER",status="599"})")),
            1.0);
        QCOMPARE(
            valueOf(lines, QStringLiteral(R"(portico_http_requests_total{method="OPTIONS",status="599"})")),
            1.0);
    }

    void draining()
    {
        Metrics metrics;
        QVERIFY(!metrics.draining());
        metrics.setDraining(true);
        QVERIFY(metrics.draining());
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
