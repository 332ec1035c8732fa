// Initial sync pull: server work per full pull from cursor 0 to the head (GET /api/v1/sync in
// pages of 5000, through Router::dispatch in this process) for a buyer and for a manager, against
// reading the same feed rows with a plain SELECT in the same process. Optionally the same pull
// over HTTP on loopback from an in-process server.

#include "auth/tokenservice.h"
#include "benchserver.h"
#include "benchutil.h"
#include "demo/demodataset.h"
#include "http/gzip.h"
#include "loadgen.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "sync/visibility.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <cstdlib>
#include <exception>

#ifdef PORTICO_BENCH_SQLITE_C
#include <sqlite3.h>
#endif

using namespace portico;
using namespace portico::bench;

namespace {

#ifdef PORTICO_BENCH_SQLITE_C
void execC(sqlite3 *db, const char *sql)
{
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("baseline: ") + sql + ": " + sqlite3_errmsg(db));
}
#endif

struct PullFigures
{
    double ms = 0;
    std::uint64_t bytes = 0;
    std::uint64_t changes = 0;
    int pages = 0;
};

qint64 jsonInteger(const std::string &body, const char *key)
{
    const std::string needle = std::string("\"") + key + "\":";
    const auto at = body.find(needle);
    if (at == std::string::npos || at > 512)
        return -1;
    return std::strtoll(body.c_str() + at + needle.size(), nullptr, 10);
}

bool jsonTrue(const std::string &body, const char *key)
{
    const std::string needle = std::string("\"") + key + "\":true";
    const auto at = body.find(needle);
    return at != std::string::npos && at < 512;
}

std::uint64_t countChanges(const std::string &body)
{
    std::uint64_t count = 0;
    for (auto at = body.find("{\"seq\":"); at != std::string::npos; at = body.find("{\"seq\":", at + 1))
        ++count;
    return count;
}

// One full pull through the router, as the worker thread runs it (authentication included).
// `countRows` counts the changes of every page outside the timed part.
PullFigures pullInProcess(server::Router &router, const std::string &token, int limit, bool countRows)
{
    PullFigures figures;
    qint64 cursor = 0;
    Stopwatch total;
    double excluded = 0;
    for (int guard = 0; guard < 1000000; ++guard) {
        server::HttpRequest request;
        request.method = server::HttpMethod::Get;
        request.path = "/api/v1/sync";
        request.query = {{"cursor", std::to_string(cursor)}, {"limit", std::to_string(limit)}};
        request.headers = {{"authorization", "Bearer " + token}};
        request.remoteAddress = "127.0.0.1";
        const server::HttpResponse response = router.dispatch(request);
        if (response.status != 200)
            throw std::runtime_error("sync answered " + std::to_string(response.status) + ": "
                                     + response.body);
        ++figures.pages;
        figures.bytes += response.body.size();
        if (countRows) {
            Stopwatch counting;
            figures.changes += countChanges(response.body);
            excluded += counting.milliseconds();
        }
        cursor = jsonInteger(response.body, "cursor");
        if (!jsonTrue(response.body, "has_more"))
            break;
    }
    figures.ms = total.milliseconds() - excluded;
    return figures;
}

// The compression cost and size of the same pages, as the network layer compresses them for a
// request that accepts `encoding` ("gzip", or "zstd, gzip" as the desktop asks).
struct CompressionFigures
{
    double ms = 0;
    std::uint64_t bytes = 0;
};

CompressionFigures compressedPages(server::Router &router, const std::string &token, int limit,
                                   std::string_view encoding)
{
    CompressionFigures figures;
    qint64 cursor = 0;
    for (int guard = 0; guard < 1000000; ++guard) {
        server::HttpRequest request;
        request.method = server::HttpMethod::Get;
        request.path = "/api/v1/sync";
        request.query = {{"cursor", std::to_string(cursor)}, {"limit", std::to_string(limit)}};
        request.headers = {{"authorization", "Bearer " + token}};
        server::HttpResponse response = router.dispatch(request);
        cursor = jsonInteger(response.body, "cursor");
        const bool more = jsonTrue(response.body, "has_more");
        Stopwatch watch;
        server::compressResponse(encoding, response);
        figures.ms += watch.milliseconds();
        figures.bytes += response.body.size();
        if (!more)
            break;
    }
    return figures;
}

// The statements the baselines run: every visible row, in sequence order per table, no
// paging, each with the values it binds: the changes table's rows as ChangeFeed::pull reads them
// on SQLite (payload as a BLOB, the audience as a filter on the seq order), and the price and
// stock rows that carry their own seq (storage/changefeed.h, RowTable), keys and values as
// stored. The pull merges them and writes each price and stock row's JSON; the baselines read
// the same rows the fastest way the pull knows and do neither.
QList<std::pair<QString, QStringList>> feedSelects(const server::Visibility &visibility)
{
    const auto marks = [](qsizetype count) -> QString {
        QStringList list;
        for (qsizetype i = 0; i < count; ++i)
            list << QStringLiteral("?");
        return QStringLiteral("(") + list.join(QLatin1Char(',')) + QLatin1Char(')');
    };
    QList<std::pair<QString, QStringList>> statements;
    QString changes = QStringLiteral("SELECT CAST(entity AS BLOB), CAST(entity_id AS BLOB), seq, "
                                     "CAST(payload AS BLOB) FROM changes");
    if (!visibility.everything)
        changes += QStringLiteral(" WHERE +audience IN ") + marks(visibility.audiences.size());
    statements.append({changes + QStringLiteral(" ORDER BY seq"),
                       visibility.everything ? QStringList() : visibility.audiences});
    QStringList priceTypes;
    for (const QString &audience : visibility.audiences) {
        if (audience.startsWith(QStringLiteral("price_type:")))
            priceTypes << audience.mid(11);
    }
    if (visibility.everything || !priceTypes.isEmpty()) {
        QString prices
            = QStringLiteral("SELECT CAST(product_id AS BLOB), CAST(price_type_id AS BLOB), seq, "
                             "unit_price_minor, CAST(tiers_json AS BLOB) FROM prices WHERE seq > 0");
        if (!visibility.everything)
            prices += QStringLiteral(" AND price_type_id IN ") + marks(priceTypes.size());
        statements.append({prices + QStringLiteral(" ORDER BY seq"), priceTypes});
    }
    if (visibility.everything || visibility.audiences.contains(QStringLiteral("all")))
        statements.append({QStringLiteral("SELECT CAST(product_id AS BLOB), CAST(warehouse_id AS BLOB), seq, "
                                          "on_hand_milli, reserved_milli, as_of FROM stock WHERE seq > 0 "
                                          "ORDER BY seq"),
                           {}});
    return statements;
}

// Baseline 1: the same rows through Qt Sql in one read transaction, each value converted once
// (keys to QString, numbers to integers, text and payloads as bytes).
PullFigures selectQtSql(server::Database &database, const server::Visibility &visibility)
{
    PullFigures figures;
    Stopwatch watch;
    database.read([&](QSqlDatabase &tx) {
        for (const auto &[statement, values] : feedSelects(visibility)) {
            QSqlQuery query(tx);
            query.setForwardOnly(true);
            query.prepare(statement);
            for (const QString &value : values)
                query.addBindValue(value);
            if (!query.exec())
                throw std::runtime_error("baseline SELECT failed");
            const int columns = query.record().count();
            while (query.next()) {
                const QString first = QString::fromUtf8(query.value(0).toByteArray());
                const QString second = QString::fromUtf8(query.value(1).toByteArray());
                const qint64 seq = query.value(2).toLongLong();
                qsizetype bytes = first.size() + second.size() + (seq > 0 ? 8 : 0);
                for (int c = 3; c < columns; ++c) {
                    const QVariant value = query.value(c);
                    if (value.typeId() == QMetaType::QByteArray) {
                        bytes += value.toByteArray().size();
                    } else {
                        static_cast<void>(value.toLongLong());
                        bytes += 8;
                    }
                }
                figures.bytes += static_cast<std::uint64_t>(bytes);
                ++figures.changes;
            }
        }
    });
    figures.ms = watch.milliseconds();
    return figures;
}

#ifdef PORTICO_BENCH_SQLITE_C
// Baseline 2: the same rows through the SQLite C API, bytes touched but not converted: the
// floor for reading them in this process.
PullFigures selectSqliteC(const QString &path, const server::Visibility &visibility)
{
    PullFigures figures;
    Stopwatch watch;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot open the database with the SQLite C API");
    execC(db, "BEGIN");
    for (const auto &[text, values] : feedSelects(visibility)) {
        const QByteArray sql = text.toUtf8();
        sqlite3_stmt *statement = nullptr;
        sqlite3_prepare_v2(db, sql.constData(), -1, &statement, nullptr);
        std::vector<QByteArray> bound;
        for (const QString &value : values)
            bound.push_back(value.toUtf8());
        for (std::size_t i = 0; i < bound.size(); ++i)
            sqlite3_bind_text(statement, static_cast<int>(i + 1), bound[i].constData(),
                              static_cast<int>(bound[i].size()), SQLITE_STATIC);
        const int columns = sqlite3_column_count(statement);
        while (sqlite3_step(statement) == SQLITE_ROW) {
            for (int column = 0; column < columns; ++column) {
                if (sqlite3_column_type(statement, column) == SQLITE_INTEGER) {
                    static_cast<void>(sqlite3_column_int64(statement, column));
                    figures.bytes += 8;
                } else if (sqlite3_column_blob(statement, column) != nullptr) {
                    figures.bytes += static_cast<std::uint64_t>(sqlite3_column_bytes(statement, column));
                }
            }
            ++figures.changes;
        }
        sqlite3_finalize(statement);
    }
    execC(db, "COMMIT");
    sqlite3_close(db);
    figures.ms = watch.milliseconds();
    return figures;
}
#endif

// Baseline 3 (for reference): the relational rows the feed mirrors, read from their tables.
double selectTables(server::Database &database, const server::Visibility &visibility,
                    const QString &priceType)
{
    Stopwatch watch;
    const qint64 characters = database.read([&](QSqlDatabase &tx) {
        const QStringList statements {
            QStringLiteral(
                "SELECT id, external_id, sku, name, description, group_id, unit_code, unit_name, vat_rate, "
                "weight_milli, volume_milli, image_ref, active, barcodes_json, properties_json FROM "
                "products"),
            visibility.everything
                ? QStringLiteral("SELECT product_id, price_type_id, unit_price_minor, tiers_json FROM prices")
                : QStringLiteral("SELECT product_id, price_type_id, unit_price_minor, tiers_json FROM prices "
                                 "WHERE price_type_id = '")
                    + priceType + QLatin1Char('\''),
            QStringLiteral(
                "SELECT product_id, warehouse_id, on_hand_milli, reserved_milli, as_of FROM stock"),
        };
        qint64 touched = 0;
        for (const QString &statement : statements) {
            QSqlQuery query(tx);
            query.setForwardOnly(true);
            if (!query.exec(statement))
                throw std::runtime_error("table SELECT failed");
            const int columns = query.record().count();
            while (query.next()) {
                for (int c = 0; c < columns; ++c)
                    touched += query.value(c).toString().size();
            }
        }
        return touched;
    });
    const double ms = watch.milliseconds();
    return characters > 0 ? ms : 0;
}

// One full pull over HTTP on loopback: one connection per page, identity encoding (the gzip
// cost is measured in process above).
struct HttpFigures
{
    double ms = 0;
    std::uint64_t bytes = 0;
};

HttpFigures pullOverHttp(std::uint16_t port, const std::string &token, int limit)
{
    HttpFigures figures;
    qint64 cursor = 0;
    Stopwatch watch;
    for (int guard = 0; guard < 1000000; ++guard) {
        const std::string request = "GET /api/v1/sync?cursor=" + std::to_string(cursor)
            + "&limit=" + std::to_string(limit) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + token + "\r\nConnection: close\r\n\r\n";
        std::string body;
        const int status = httpExchange(port, request, body);
        if (status != 200)
            throw std::runtime_error("HTTP sync answered " + std::to_string(status));
        figures.bytes += body.size();
        cursor = jsonInteger(body, "cursor");
        if (cursor < 0 || !jsonTrue(body, "has_more"))
            break;
    }
    figures.ms = watch.milliseconds();
    return figures;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    const QStringList args = application.arguments();
    if (hasFlag(args, QStringLiteral("--help"))) {
        printLine(QStringLiteral(
            "bench_sync_pull [--products N] [--runs N] [--limit N] [--no-http] [--keep] [--budget SECONDS]"));
        return 0;
    }
    const int productCount = intArgument(args, QStringLiteral("--products"), 100000);
    const int runs = std::max(1, intArgument(args, QStringLiteral("--runs"), 5));
    const int limit = intArgument(args, QStringLiteral("--limit"), 5000);
    const bool http = !hasFlag(args, QStringLiteral("--no-http"));
    // Past this many seconds no further runs start (each figure keeps at least two).
    const int budgetSeconds = intArgument(args, QStringLiteral("--budget"), 200);
    const Stopwatch elapsed;

    printHeading(
        QStringLiteral("bench_sync_pull: initial sync pull, cursor 0 to head, page limit %1").arg(limit));
    printFigure(QStringLiteral("machine"), machineDescription());
#ifdef PORTICO_BENCH_SQLITE_C
    printFigure(QStringLiteral("SQLite (C API baseline)"), QString::fromLatin1(sqlite3_libversion()));
#else
    printFigure(QStringLiteral("SQLite C API baseline"),
                QStringLiteral("left out (built without libsqlite3-dev)"));
#endif
    printFigure(QStringLiteral("runs per figure (median reported)"), QString::number(runs));

    QTemporaryDir dir;
    if (!dir.isValid()) {
        printLine(QStringLiteral("cannot create a temporary directory"));
        return 1;
    }
    if (hasFlag(args, QStringLiteral("--keep"))) {
        dir.setAutoRemove(false);
        printFigure(QStringLiteral("data directory (kept)"), dir.path());
    }
    try {
        const StderrToFile log(dir.filePath(QStringLiteral("server.log")));
        server::Database database(server::DatabaseConfig::sqlite(dir.path()));
        server::Migrations::apply(database);

        server::DemoDataSet::Options options;
        options.productCount = productCount;
        options.customerCount = 200;
        options.orderCount = 0;
        options.nowMs = 1'780'000'000'000;
        options.passwordCost = server::PasswordCost::Minimum;
        Stopwatch generation;
        const auto summary = server::DemoDataSet::generate(database, options);
        const double generationSeconds = generation.seconds();
        const QString dbPath = database.config().sqlitePath;
        server::execSql(database.connection(), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));

        printHeading(
            QStringLiteral("data set (DemoDataSet through the repositories and FeedBatch, SQLite WAL)"));
        printFigure(QStringLiteral("products / prices / stock rows"),
                    QStringLiteral("%1 / %2 / %3")
                        .arg(summary.products)
                        .arg(summary.prices)
                        .arg(summary.stockLevels));
        printFigure(QStringLiteral("price types / warehouses / customers / users"),
                    QStringLiteral("%1 / %2 / %3 / %4")
                        .arg(summary.priceTypes)
                        .arg(summary.warehouses)
                        .arg(summary.customers)
                        .arg(summary.users));
        printFigure(QStringLiteral("feed changes"), QString::number(summary.feedChanges));
        printFigure(QStringLiteral("generation time"), number(generationSeconds, 1) + QStringLiteral(" s"));
        printFigure(QStringLiteral("generation rate (feed rows/s)"),
                    number(static_cast<double>(summary.feedChanges) / generationSeconds, 0));
        printFigure(QStringLiteral("database file"),
                    bytesText(static_cast<double>(QFileInfo(dbPath).size())));

        BenchApp app(database, dir.path());
        struct Role
        {
            QString name;
            QString login;
            std::string token;
            server::Visibility visibility;
            QString priceType;
        };
        std::vector<Role> roles {
            {QStringLiteral("buyer (one price type)"), QStringLiteral("buyer1"), {}, {}, {}},
            {QStringLiteral("manager (everything)"), QStringLiteral("manager"), {}, {}, {}}};
        for (Role &role : roles) {
            role.token = app.issueToken(role.login);
            const server::Caller caller
                = server::TokenService(app.services()).authenticate(QString::fromStdString(role.token));
            role.visibility
                = database.read([&](QSqlDatabase &tx) { return server::Visibility::of(tx, caller); });
            for (const QString &audience : std::as_const(role.visibility.audiences)) {
                if (audience.startsWith(QLatin1String("price_type:")))
                    role.priceType = audience.mid(11);
            }
        }

        for (Role &role : roles) {
            printHeading(QStringLiteral("pull as ") + role.name + QStringLiteral(" (login ") + role.login
                         + QLatin1Char(')'));
            // Warm-up pass that also counts and checks the rows.
            const PullFigures check = pullInProcess(app.router(), role.token, limit, true);
            const PullFigures reference = selectQtSql(database, role.visibility);
            if (check.changes != reference.changes)
                printLine(QStringLiteral("  WARNING: the pull returned %1 changes, the SELECT %2")
                              .arg(check.changes)
                              .arg(reference.changes));
            std::vector<double> pull, qtSelect, cSelect;
            for (int run = 0; run < runs; ++run) {
#ifdef PORTICO_BENCH_SQLITE_C
                cSelect.push_back(selectSqliteC(dbPath, role.visibility).ms);
#endif
                qtSelect.push_back(selectQtSql(database, role.visibility).ms);
                pull.push_back(pullInProcess(app.router(), role.token, limit, false).ms);
                if (run > 0 && elapsed.seconds() > budgetSeconds) {
                    printLine(QStringLiteral("  (time budget reached after %1 runs)").arg(run + 1));
                    break;
                }
            }
            const double tables = selectTables(database, role.visibility, role.priceType);
            const CompressionFigures gzip = compressedPages(app.router(), role.token, limit, "gzip");
            const CompressionFigures zstd = compressedPages(app.router(), role.token, limit, "zstd, gzip");
            const double pullMs = median(pull);
            printFigure(QStringLiteral("changes / pages"),
                        QStringLiteral("%1 / %2").arg(check.changes).arg(check.pages));
            printFigure(QStringLiteral("response bytes (identity)"),
                        bytesText(static_cast<double>(check.bytes)));
            printFigure(QStringLiteral("response bytes (gzip)"), bytesText(static_cast<double>(gzip.bytes)));
            printFigure(QStringLiteral("response bytes (zstd)"), bytesText(static_cast<double>(zstd.bytes)));
            printFigure(QStringLiteral("pull via Router::dispatch, median"),
                        number(pullMs, 0)
                            + QStringLiteral(" ms (min %1, max %2)")
                                  .arg(number(minimum(pull), 0), number(maximum(pull), 0)));
            printFigure(QStringLiteral("pull throughput"),
                        number(static_cast<double>(check.changes) / pullMs * 1000.0, 0)
                            + QStringLiteral(" rows/s, ")
                            + number(static_cast<double>(check.bytes) / 1048576.0 / pullMs * 1000.0, 0)
                            + QStringLiteral(" MiB/s"));
            printFigure(QStringLiteral("baseline: Qt Sql SELECT of the feed rows"),
                        number(median(qtSelect), 0) + QStringLiteral(" ms"));
            if (!cSelect.empty())
                printFigure(QStringLiteral("baseline: SQLite C API SELECT of the feed rows"),
                            number(median(cSelect), 0) + QStringLiteral(" ms"));
            printFigure(QStringLiteral("reference: SELECT products + prices + stock"),
                        number(tables, 0) + QStringLiteral(" ms (one run)"));
            printFigure(QStringLiteral("gzip of every page (worker thread, extra)"),
                        number(gzip.ms, 0) + QStringLiteral(" ms"));
            printFigure(QStringLiteral("zstd of every page (worker thread, extra)"),
                        number(zstd.ms, 0) + QStringLiteral(" ms"));
            printFigure(QStringLiteral("RATIO pull / Qt Sql SELECT"),
                        number(pullMs / median(qtSelect), 2) + QStringLiteral("x"));
            if (!cSelect.empty())
                printFigure(QStringLiteral("RATIO pull / SQLite C API SELECT"),
                            number(pullMs / median(cSelect), 2) + QStringLiteral("x"));
        }

        if (http) {
            BenchServer httpServer(app);
            httpServer.start();
            for (Role &role : roles) {
                printHeading(QStringLiteral("pull over HTTP on loopback as ") + role.name);
                std::vector<double> identity;
                HttpFigures figures;
                int httpRuns = 0;
                for (int run = 0; run < std::min(runs, 3); ++run) {
                    figures = pullOverHttp(httpServer.port(), role.token, limit);
                    identity.push_back(figures.ms);
                    ++httpRuns;
                    if (elapsed.seconds() > budgetSeconds)
                        break;
                }
                printFigure(QStringLiteral("wall time per full pull (identity), median of %1").arg(httpRuns),
                            number(median(identity), 0) + QStringLiteral(" ms, ")
                                + bytesText(static_cast<double>(figures.bytes)));
            }
            httpServer.stop();
        }
    } catch (const std::exception &e) {
        printLine(QStringLiteral("bench_sync_pull failed: ") + QString::fromUtf8(e.what()));
        return 1;
    }
    return 0;
}
