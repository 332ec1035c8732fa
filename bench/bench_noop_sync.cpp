// A no-op sync (GET /api/v1/sync?cursor=<head> with a valid token: nothing new) against the
// cheapest endpoint (GET /healthz) on the same in-process server, in requests per second from
// keep-alive connections on loopback; wrk when installed, else the built-in load generator.

#include "benchserver.h"
#include "benchutil.h"
#include "demo/demodataset.h"
#include "loadgen.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/migrations.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <exception>

using namespace portico;
using namespace portico::bench;

namespace {

struct Rate
{
    double requestsPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    std::uint64_t non200 = 0;
};

double wrkMilliseconds(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9.]+)(us|ms|s)$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return 0;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    return unit == QLatin1String("us") ? value / 1000.0 : unit == QLatin1String("s") ? value * 1000.0 : value;
}

Rate runWrk(const QString &wrk, std::uint16_t port, const std::string &path, const std::string &token,
            int connections, int seconds)
{
    QStringList arguments {QStringLiteral("-t1"), QStringLiteral("-c%1").arg(connections),
                           QStringLiteral("-d%1s").arg(seconds), QStringLiteral("--latency")};
    if (!token.empty())
        arguments << QStringLiteral("-H")
                  << QStringLiteral("Authorization: Bearer ") + QString::fromStdString(token);
    arguments << QStringLiteral("http://127.0.0.1:%1").arg(port) + QString::fromStdString(path);
    QProcess process;
    process.start(wrk, arguments);
    if (!process.waitForFinished((seconds + 30) * 1000))
        throw std::runtime_error("wrk did not finish");
    const QString output = QString::fromLocal8Bit(process.readAllStandardOutput());
    Rate rate;
    static const QRegularExpression requests(QStringLiteral("Requests/sec:\\s+([0-9.]+)"));
    static const QRegularExpression p50(QStringLiteral("\\n\\s+50%\\s+(\\S+)"));
    static const QRegularExpression p99(QStringLiteral("\\n\\s+99%\\s+(\\S+)"));
    static const QRegularExpression non2xx(QStringLiteral("Non-2xx or 3xx responses:\\s+([0-9]+)"));
    rate.requestsPerSecond = requests.match(output).captured(1).toDouble();
    rate.p50Ms = wrkMilliseconds(p50.match(output).captured(1));
    rate.p99Ms = wrkMilliseconds(p99.match(output).captured(1));
    rate.non200 = non2xx.match(output).captured(1).toULongLong();
    if (rate.requestsPerSecond <= 0)
        throw std::runtime_error("cannot read wrk's output: " + output.toStdString());
    return rate;
}

Rate runBuiltin(std::uint16_t port, const std::string &path, const std::string &token, int connections,
                int seconds)
{
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.empty())
        request += "Authorization: Bearer " + token + "\r\n";
    request += "\r\n";
    LoadOptions options;
    options.port = port;
    options.connections = connections;
    options.duration = std::chrono::seconds(seconds);
    const LoadResult result
        = runLoad(options, [&request](std::uint64_t) -> const std::string & { return request; });
    Rate rate;
    rate.requestsPerSecond = result.requestsPerSecond();
    rate.p50Ms = percentile(result.latenciesMs, 50);
    rate.p99Ms = percentile(result.latenciesMs, 99);
    rate.non200 = result.completed - result.count(200);
    return rate;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    const QStringList args = application.arguments();
    if (hasFlag(args, QStringLiteral("--help"))) {
        printLine(QStringLiteral(
            "bench_noop_sync [--tool wrk|builtin|auto] [--seconds N] [--rounds N] [--connections N]"));
        return 0;
    }
    const QString tool = argument(args, QStringLiteral("--tool"), QStringLiteral("auto"));
    const int seconds = std::max(1, intArgument(args, QStringLiteral("--seconds"), 3));
    const int rounds = std::max(1, intArgument(args, QStringLiteral("--rounds"), 3));
    const int connections = std::max(1, intArgument(args, QStringLiteral("--connections"), 32));
    const QString wrk = tool == QLatin1String("builtin")
        ? QString()
        : QStandardPaths::findExecutable(QStringLiteral("wrk"));
    if (tool == QLatin1String("wrk") && wrk.isEmpty()) {
        printLine(QStringLiteral("wrk is not installed (apt-get install wrk)"));
        return 1;
    }

    printHeading(QStringLiteral("bench_noop_sync: no-op sync vs /healthz, same in-process server, loopback"));
    printFigure(QStringLiteral("machine"), machineDescription());
    printFigure(QStringLiteral("load generator"),
                wrk.isEmpty() ? QStringLiteral("built-in (1 thread, epoll)")
                              : QStringLiteral("wrk -t1 (") + wrk + QLatin1Char(')'));
    printFigure(QStringLiteral("connections / seconds per run / rounds"),
                QStringLiteral("%1 / %2 / %3").arg(connections).arg(seconds).arg(rounds));

    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    try {
        const StderrToFile log(dir.filePath(QStringLiteral("server.log")));
        server::Database database(server::DatabaseConfig::sqlite(dir.path()));
        server::Migrations::apply(database);
        server::DemoDataSet::Options options;
        options.productCount = 2000;
        options.orderCount = 0;
        options.passwordCost = server::PasswordCost::Minimum;
        server::DemoDataSet::generate(database, options);
        const qint64 head = database.read([](QSqlDatabase &tx) { return server::ChangeFeed::head(tx); });
        database.releaseThreadConnection();

        BenchApp app(database, dir.path());
        const std::string token = app.issueToken(QStringLiteral("buyer1"));
        BenchServer httpServer(app);
        httpServer.start();
        const std::uint16_t port = httpServer.port();
        const std::string syncPath = "/api/v1/sync?cursor=" + std::to_string(head);

        std::string body;
        const int status
            = httpExchange(port,
                           "GET " + syncPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                               + token + "\r\nConnection: close\r\n\r\n",
                           body);
        printFigure(QStringLiteral("no-op sync as buyer1 at head %1").arg(head),
                    QStringLiteral("HTTP %1, %2 bytes: %3")
                        .arg(status)
                        .arg(body.size())
                        .arg(QString::fromStdString(body)));
        std::string health;
        const int healthStatus = httpExchange(
            port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", health);
        printFigure(QStringLiteral("/healthz"),
                    QStringLiteral("HTTP %1, %2 bytes").arg(healthStatus).arg(health.size()));
        printFigure(QStringLiteral("no-op response under 1 KB"),
                    body.size() < 1024 ? QStringLiteral("yes") : QStringLiteral("NO"));

        // Handler work alone (Router::dispatch on this thread), per request.
        const auto dispatchCost = [&](const std::string &path, const std::string &bearer) {
            std::vector<double> perRequestUs;
            for (int run = 0; run < 3; ++run) {
                constexpr int Requests = 5000;
                Stopwatch watch;
                for (int i = 0; i < Requests; ++i) {
                    server::HttpRequest request;
                    request.method = server::HttpMethod::Get;
                    const auto question = path.find('?');
                    request.path = path.substr(0, question);
                    if (question != std::string::npos)
                        request.query = {{"cursor", path.substr(path.find('=') + 1)}};
                    if (!bearer.empty())
                        request.headers = {{"authorization", "Bearer " + bearer}};
                    const server::HttpResponse response = app.router().dispatch(request);
                    if (response.status != 200)
                        throw std::runtime_error("dispatch answered " + std::to_string(response.status));
                }
                perRequestUs.push_back(watch.milliseconds() * 1000.0 / Requests);
            }
            return median(perRequestUs);
        };
        const double healthUs = dispatchCost("/healthz", {});
        const double syncUs = dispatchCost(syncPath, token);
        printFigure(QStringLiteral("Router::dispatch /healthz, per request"),
                    number(healthUs, 1) + QStringLiteral(" us"));
        printFigure(QStringLiteral("Router::dispatch no-op sync, per request"),
                    number(syncUs, 1) + QStringLiteral(" us"));

        const auto measure = [&](const std::string &path, const std::string &bearer) {
            return wrk.isEmpty() ? runBuiltin(port, path, bearer, connections, seconds)
                                 : runWrk(wrk, port, path, bearer, connections, seconds);
        };
        measure("/healthz", {});
        std::vector<double> healthRates, syncRates, healthP99, syncP99, healthP50, syncP50;
        std::uint64_t non200 = 0;
        for (int round = 0; round < rounds; ++round) {
            const Rate healthRate = measure("/healthz", {});
            const Rate syncRate = measure(syncPath, token);
            healthRates.push_back(healthRate.requestsPerSecond);
            syncRates.push_back(syncRate.requestsPerSecond);
            healthP50.push_back(healthRate.p50Ms);
            syncP50.push_back(syncRate.p50Ms);
            healthP99.push_back(healthRate.p99Ms);
            syncP99.push_back(syncRate.p99Ms);
            non200 += healthRate.non200 + syncRate.non200;
            printFigure(QStringLiteral("round %1: /healthz / no-op sync req/s").arg(round + 1),
                        number(healthRate.requestsPerSecond, 0) + QStringLiteral(" / ")
                            + number(syncRate.requestsPerSecond, 0));
        }
        httpServer.stop();
        const double ratio = median(syncRates) / median(healthRates);
        printFigure(QStringLiteral("non-200 answers"), QString::number(non200));
        printFigure(QStringLiteral("/healthz: req/s median, p50 / p99"),
                    number(median(healthRates), 0)
                        + QStringLiteral(", %1 / %2 ms")
                              .arg(number(median(healthP50), 2), number(median(healthP99), 2)));
        printFigure(
            QStringLiteral("no-op sync: req/s median, p50 / p99"),
            number(median(syncRates), 0)
                + QStringLiteral(", %1 / %2 ms").arg(number(median(syncP50), 2), number(median(syncP99), 2)));
        printFigure(QStringLiteral("RATIO no-op sync / healthz"),
                    number(ratio * 100.0, 0) + QStringLiteral(" %"));
        printFigure(QStringLiteral("target: >= 50 %"),
                    ratio >= 0.5 ? QStringLiteral("PASS") : QStringLiteral("MISS"));
    } catch (const std::exception &e) {
        printLine(QStringLiteral("bench_noop_sync failed: ") + QString::fromUtf8(e.what()));
        return 1;
    }
    return 0;
}
