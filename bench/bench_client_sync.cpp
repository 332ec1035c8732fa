// bench_client_sync: the desktop client's initial sync of a large catalog over loopback, against
// a raw SQLite bulk insert of the same rows in the same process; peak memory at several catalog
// sizes; the no-op sync; saving an order locally.
//
//   bench_client_sync [--products 25000,100000,200000] [--orders 1000]
//
// For each size the benchmark runs itself as a child (`--one N`) so that each size has its own
// peak RSS. A child starts `portico-server demo --products N` (which generates the data set) on
// 127.0.0.1, signs in as the manager (who sees every price type), and times one initial sync into
// a fresh client cache (pages of 5,000 changes; search index included). Then, in the same
// process, the rows the sync wrote are read back and inserted with prepared statements into a
// fresh SQLite database of plain (key, data) tables, one transaction per 5,000 rows: sorted by
// key, the floor for writing those rows at all (raw_s); and again in the order the feed
// delivered them (raw_feed_order_s). A loopback TCP transfer of 256 MiB gives the bandwidth against
// which the bytes pulled are set.
#include "benchutil.h"
#include "cache/cachedatabase.h"
#include "orders/localorders.h"
#include "testclient.h"
#include "testserver.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace portico;
using namespace portico::bench;

namespace {

qint64 statusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Bytes per second through a loopback TCP connection (one writer thread, one reader).
double loopbackBandwidth(qint64 total)
{
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof(address));
    ::listen(listener, 1);
    ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
    std::thread writer([address, total] {
        const int out = ::socket(AF_INET, SOCK_STREAM, 0);
        ::connect(out, reinterpret_cast<const sockaddr *>(&address), sizeof(address));
        std::vector<char> block(1 << 20, 'x');
        for (qint64 sent = 0; sent < total;) {
            const ssize_t n = ::write(out, block.data(), block.size());
            if (n <= 0)
                break;
            sent += n;
        }
        ::close(out);
    });
    const int in = ::accept(listener, nullptr, nullptr);
    std::vector<char> block(1 << 20);
    Stopwatch clock;
    qint64 received = 0;
    for (ssize_t n; (n = ::read(in, block.data(), block.size())) > 0;)
        received += n;
    const double seconds = clock.seconds();
    writer.join();
    ::close(in);
    ::close(listener);
    return double(received) / seconds;
}

struct TableCopy
{
    QString table;
    QString key; // SQL expression of the row's key
};

const TableCopy Tables[] = {
    {QStringLiteral("product_group"), QStringLiteral("id")},
    {QStringLiteral("property"), QStringLiteral("id")},
    {QStringLiteral("product"), QStringLiteral("id")},
    {QStringLiteral("price_type"), QStringLiteral("id")},
    {QStringLiteral("price"), QStringLiteral("product_id || '/' || price_type_id")},
    {QStringLiteral("warehouse"), QStringLiteral("id")},
    {QStringLiteral("stock"), QStringLiteral("product_id || '/' || warehouse_id")},
    {QStringLiteral("customer"), QStringLiteral("id")},
    {QStringLiteral("bin_location"), QStringLiteral("product_id || '/' || warehouse_id")},
    {QStringLiteral("document"), QStringLiteral("id")},
};

// Reads back what the sync stored and writes it again the plainest way. In key order
// (`sorted`) every table's rows are appended to its key index: the floor. In the order the
// feed delivered them, as the sync had to take them, the random keys scatter each transaction's
// inserts over the whole index.
double rawInsertSeconds(client::CacheDatabase &cache, const QString &path, bool sorted, qint64 *rows)
{
    QList<QPair<QString, QList<QPair<QString, QByteArray>>>> data;
    int pageSize = 0;
    cache.run([&](QSqlDatabase &db) {
        QSqlQuery size(db);
        size.exec(QStringLiteral("PRAGMA page_size"));
        pageSize = size.next() ? size.value(0).toInt() : 4096;
        for (const TableCopy &copy : Tables) {
            QSqlQuery query(db);
            query.setForwardOnly(true);
            query.exec(QStringLiteral("SELECT %1, CAST(data AS BLOB) FROM %2").arg(copy.key, copy.table));
            QList<QPair<QString, QByteArray>> tableRows;
            while (query.next())
                tableRows.append({query.value(0).toString(), query.value(1).toByteArray()});
            if (sorted)
                std::sort(tableRows.begin(), tableRows.end());
            data.append({copy.table, tableRows});
        }
    });
    const QString connection = QStringLiteral("raw-baseline");
    double seconds = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery pragma(db);
        // With the cache's page size and durability, as the cache has them.
        pragma.exec(QStringLiteral("PRAGMA page_size=%1").arg(pageSize));
        pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        pragma.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        *rows = 0;
        Stopwatch clock;
        for (const auto &[table, tableRows] : data) {
            QSqlQuery(db).exec(
                QStringLiteral("CREATE TABLE %1 (k TEXT PRIMARY KEY, data TEXT NOT NULL)").arg(table));
            QSqlQuery insert(db);
            insert.prepare(QStringLiteral("INSERT INTO %1 (k, data) VALUES (?, ?)").arg(table));
            for (qsizetype i = 0; i < tableRows.size(); ++i) {
                if (i % 5000 == 0)
                    db.transaction();
                insert.bindValue(0, tableRows.at(i).first);
                insert.bindValue(1, tableRows.at(i).second);
                insert.exec();
                if (i % 5000 == 4999 || i == tableRows.size() - 1)
                    db.commit();
            }
            *rows += tableRows.size();
        }
        seconds = clock.seconds();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return seconds;
}

// One catalog size in this process: prints a JSON object on standard output.
int runOne(int products, int orders)
{
    QTemporaryDir work;
    test::TestServer server({QStringLiteral("--products"), QString::number(products)},
                            QStringLiteral("demo"));
    if (!server.start(600000)) {
        qCritical("server: %s", qPrintable(server.errorString()));
        return 1;
    }
    test::TestClient client(server.url(), work.filePath(QStringLiteral("profile")));
    QDir().mkpath(client.dir());
    if (!client.open() || !client.login(QStringLiteral("manager"), QStringLiteral("demo"))) {
        qCritical("client: %s", qPrintable(client.errorString()));
        return 1;
    }
    client.engine().setPageSize(5000);
    client.engine().setRequestTimeout(std::chrono::seconds(120));

    const qint64 rssBefore = statusKiB("VmRSS:");
    qint64 rssPeak = rssBefore;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] { rssPeak = std::max(rssPeak, statusKiB("VmRSS:")); });
    sampler.start(20);
    Stopwatch clock;
    const auto summary = client.sync(1800000);
    const double syncSeconds = clock.seconds();
    sampler.stop();
    rssPeak = std::max(rssPeak, statusKiB("VmRSS:"));
    if (!summary || !summary->ok) {
        qCritical("sync failed: %s", summary ? qPrintable(summary->error.toString()) : "timeout");
        return 1;
    }

    const auto noop = client.sync();
    qint64 rawRows = 0;
    const double rawSeconds
        = rawInsertSeconds(client.cache(), work.filePath(QStringLiteral("raw.sqlite")), true, &rawRows);
    const double rawFeedOrderSeconds
        = rawInsertSeconds(client.cache(), work.filePath(QStringLiteral("raw-feed.sqlite")), false, &rawRows);

    // Saving an order of 20 lines locally (priced from the cache, outbox written), one at a time.
    std::vector<double> saves;
    const auto material = client.cache().run([](QSqlDatabase &db) {
        QSqlQuery customer(db);
        customer.exec(QStringLiteral("SELECT c.id, c.price_type_id FROM customer c JOIN price_type t ON "
                                     "t.id = c.price_type_id WHERE c.blocked = 0 LIMIT 1"));
        customer.next();
        QList<Id> ids;
        QSqlQuery product(db);
        product.prepare(QStringLiteral("SELECT p.id FROM product p JOIN price r ON r.product_id = p.id AND "
                                       "r.price_type_id = ? WHERE p.active = 1 LIMIT 20"));
        product.addBindValue(customer.value(1));
        product.exec();
        while (product.next())
            ids.append(Id(product.value(0).toString()));
        return std::pair {Id(customer.value(0).toString()), ids};
    });
    for (int i = 0; i < orders; ++i) {
        client::OrderDraft draft;
        draft.customerId = material.first;
        for (const Id &id : material.second)
            draft.lines.append({id, Quantity::fromMilli(1000 * (1 + i % 5))});
        Stopwatch save;
        client.cache().run([&](QSqlDatabase &db) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const auto saved = client::LocalOrders::saveDraft(db, draft, Id(), now);
            client::LocalOrders::submit(db, saved.order.id, now);
        });
        saves.push_back(save.milliseconds());
    }

    const QJsonObject result {
        {QStringLiteral("products"), products},
        {QStringLiteral("rows"), summary->pulledRows},
        {QStringLiteral("pages"), summary->pages},
        {QStringLiteral("bytes"), summary->pulledBytes},
        {QStringLiteral("sync_s"), syncSeconds},
        {QStringLiteral("raw_rows"), rawRows},
        {QStringLiteral("raw_s"), rawSeconds},
        {QStringLiteral("raw_feed_order_s"), rawFeedOrderSeconds},
        {QStringLiteral("rss_before_kib"), rssBefore},
        {QStringLiteral("rss_peak_kib"), rssPeak},
        {QStringLiteral("hwm_kib"), statusKiB("VmHWM:")},
        {QStringLiteral("noop_requests"), noop ? noop->pages : -1},
        {QStringLiteral("noop_bytes"), noop ? noop->pulledBytes : -1},
        {QStringLiteral("save_p50_ms"), median(saves)},
        {QStringLiteral("save_p99_ms"), percentile(saves, 99)},
    };
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int orders = intArgument(arguments, QStringLiteral("--orders"), 1000);
    if (hasFlag(arguments, QStringLiteral("--one")))
        return runOne(intArgument(arguments, QStringLiteral("--one"), 100000), orders);

    const QStringList sizes
        = argument(arguments, QStringLiteral("--products"), QStringLiteral("25000,100000,200000"))
              .split(QLatin1Char(','));
    printHeading(QStringLiteral("bench_client_sync: initial sync into the client cache over loopback"));
    printFigure(QStringLiteral("machine"), machineDescription());
    const double bandwidth = loopbackBandwidth(qint64(256) << 20);
    printFigure(QStringLiteral("loopback TCP bandwidth"), bytesText(bandwidth) + QStringLiteral("/s"));
    for (const QString &size : sizes) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--one"), size, QStringLiteral("--orders"), QString::number(orders)});
        if (!child.waitForFinished(3600000) || child.exitCode() != 0) {
            printFigure(size + QStringLiteral(" products"), QStringLiteral("FAILED"));
            continue;
        }
        const QJsonObject r = QJsonDocument::fromJson(child.readAllStandardOutput().trimmed()).object();
        const double sync = r.value(QStringLiteral("sync_s")).toDouble();
        const double raw = r.value(QStringLiteral("raw_s")).toDouble();
        const double bytes = r.value(QStringLiteral("bytes")).toDouble();
        printLine();
        printLine(QStringLiteral("%1 products").arg(size));
        printFigure(QStringLiteral("changes pulled"),
                    QStringLiteral("%1 in %2 pages, %3 of JSON (zstd on the wire)")
                        .arg(r.value(QStringLiteral("rows")).toInteger())
                        .arg(r.value(QStringLiteral("pages")).toInt())
                        .arg(bytesText(bytes)));
        printFigure(QStringLiteral("initial sync wall time"),
                    QStringLiteral("%1 s (%2 rows/s)")
                        .arg(number(sync, 2), number(r.value(QStringLiteral("rows")).toDouble() / sync, 0)));
        const double rawFeedOrder = r.value(QStringLiteral("raw_feed_order_s")).toDouble();
        printFigure(QStringLiteral("raw SQLite insert, same rows in key order"),
                    QStringLiteral("%1 s for %2 rows")
                        .arg(number(raw, 2))
                        .arg(r.value(QStringLiteral("raw_rows")).toInteger()));
        printFigure(QStringLiteral("ratio sync / raw insert"),
                    number(sync / raw, 2) + QStringLiteral("x (target <= 2x)"));
        printFigure(QStringLiteral("raw insert in the feed's order"),
                    QStringLiteral("%1 s (sync / this: %2x)")
                        .arg(number(rawFeedOrder, 2), number(sync / rawFeedOrder, 2)));
        printFigure(QStringLiteral("bytes / loopback bandwidth"),
                    QStringLiteral("%1 s (%2 % of the sync)")
                        .arg(number(bytes / bandwidth, 3), number(100.0 * bytes / bandwidth / sync, 1)));
        printFigure(QStringLiteral("RSS before / peak during sync"),
                    QStringLiteral("%1 / %2 (growth %3)")
                        .arg(bytesText(r.value(QStringLiteral("rss_before_kib")).toDouble() * 1024),
                             bytesText(r.value(QStringLiteral("rss_peak_kib")).toDouble() * 1024),
                             bytesText((r.value(QStringLiteral("rss_peak_kib")).toDouble()
                                        - r.value(QStringLiteral("rss_before_kib")).toDouble())
                                       * 1024)));
        printFigure(QStringLiteral("no-op sync"),
                    QStringLiteral("%1 request(s), %2 bytes")
                        .arg(r.value(QStringLiteral("noop_requests")).toInt())
                        .arg(r.value(QStringLiteral("noop_bytes")).toInteger()));
        printFigure(QStringLiteral("save an order locally (20 lines)"),
                    QStringLiteral("p50 %1 ms, p99 %2 ms (target p99 < 5 ms)")
                        .arg(number(r.value(QStringLiteral("save_p50_ms")).toDouble(), 2),
                             number(r.value(QStringLiteral("save_p99_ms")).toDouble(), 2)));
    }
    return 0;
}
