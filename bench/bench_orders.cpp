// Order upload throughput: POST /api/v1/orders with 20-line orders from 32 keep-alive
// connections against the real server (Boost.Beast, worker pool) in this process on loopback,
// against inserting the same rows (order, 20 lines, 2 history rows, order number, feed head,
// 2 feed rows) with prepared statements, lines and history as multi-row INSERTs, on one
// connection in the same process. SQLite always;
// PostgreSQL when a throwaway cluster can be started (tests/support PostgresCluster).

#include "benchserver.h"
#include "benchutil.h"
#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "demo/demodataset.h"
#include "loadgen.h"
#include "orders/orderrepository.h"
#include "orders/ordertermscache.h"
#include "protocol/codecs.h"
#include "rules/pricing.h"
#include "storage/bulkrows.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/sqlvalues.h"

#ifdef PORTICO_BENCH_POSTGRES
#include "postgrescluster.h"
#endif

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cmath>
#include <ctime>
#include <exception>
#include <random>

using namespace portico;
using namespace portico::bench;

namespace {

constexpr int LinesPerOrder = 20;

double cpuSeconds(clockid_t clock)
{
    timespec now {};
    ::clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// One order as the client uploads it, and the rows a server would store for it.
struct PreparedOrder
{
    Order order;
    std::string request; // the whole HTTP request
    QString payload; // the order's feed payload
    QString customerPayload; // its customer's feed payload
};

struct CatalogView
{
    QList<Customer> customers;
    QHash<Id, PriceType> priceTypes;
    QList<Product> products; // active, with stock
    QHash<Id, QHash<Id, Price>> prices; // price type -> product -> price
    QHash<Id, Quantity> available;
};

CatalogView readCatalog(server::Database &database)
{
    return database.read([](QSqlDatabase &tx) {
        CatalogView view;
        server::CatalogRepository catalog(tx);
        server::CustomerRepository customers(tx);
        QList<Id> customerIds;
        {
            server::Sql q(
                tx, QStringLiteral("SELECT id FROM customers WHERE price_type_id IS NOT NULL ORDER BY id"));
            q.exec();
            while (q.next())
                customerIds.append(server::idFrom(q.value(0)));
        }
        for (const Id &id : std::as_const(customerIds)) {
            const auto customer = customers.customer(id);
            if (customer && !customer->blocked)
                view.customers.append(*customer);
        }
        const auto types = catalog.priceTypes();
        for (const PriceType &type : types)
            view.priceTypes.insert(type.id, type);
        QList<Id> productIds;
        {
            server::Sql q(tx, QStringLiteral("SELECT id FROM products ORDER BY id"));
            q.exec();
            while (q.next())
                productIds.append(server::idFrom(q.value(0)));
        }
        const auto products = catalog.products(productIds);
        view.available = catalog.available(productIds);
        for (const PriceType &type : types)
            view.prices.insert(type.id, catalog.prices(productIds, type.id));
        for (const Id &id : std::as_const(productIds)) {
            const Product &product = products.value(id);
            if (product.active && view.available.value(id).milli() >= 1000 * LinesPerOrder)
                view.products.append(product);
        }
        return view;
    });
}

std::vector<PreparedOrder> prepareOrders(const CatalogView &view, const std::string &token, std::size_t count,
                                         quint64 seed)
{
    std::vector<PreparedOrder> orders;
    orders.reserve(count);
    std::mt19937_64 random(seed);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QHash<Id, QString> customerPayloads;
    for (const Customer &customer : view.customers)
        customerPayloads.insert(
            customer.id,
            QString::fromUtf8(QJsonDocument(protocol::toJson(customer)).toJson(QJsonDocument::Compact)));
    std::uniform_int_distribution<qsizetype> pickProduct(0, view.products.size() - 1);
    std::uniform_int_distribution<int> pickUnits(1, 5);
    for (std::size_t n = 0; n < count; ++n) {
        const Customer &customer
            = view.customers.at(static_cast<qsizetype>(n % static_cast<std::size_t>(view.customers.size())));
        const PriceType &priceType = view.priceTypes.value(customer.priceTypeId);
        const auto &prices = view.prices.value(customer.priceTypeId);
        QList<rules::PricingLineInput> inputs;
        QSet<Id> used;
        for (int guard = 0; inputs.size() < LinesPerOrder && guard < 10000; ++guard) {
            const Product &product = view.products.at(pickProduct(random));
            if (used.contains(product.id) || !prices.contains(product.id))
                continue;
            used.insert(product.id);
            inputs.append({static_cast<int>(inputs.size()) + 1, product.id,
                           Quantity::fromInt(pickUnits(random)), product.vatRate, prices.value(product.id)});
        }
        const auto priced
            = rules::priceOrder(rules::PricingContext::forCustomer(priceType, customer), inputs);
        if (!priced.ok())
            throw std::runtime_error("the bench could not price an order");
        PreparedOrder prepared;
        Order &order = prepared.order;
        order.id = timeOrderedId(); // as the desktop makes them (client/core/orders/localorders.cpp)
        order.clientNumber = QStringLiteral("B-%1").arg(n, 7, 10, QLatin1Char('0'));
        order.customerId = customer.id;
        order.priceTypeId = customer.priceTypeId;
        order.currency = priceType.currency;
        order.status = OrderStatus::Submitted;
        order.createdAt = now;
        order.pricesAsOf = now;
        order.lines = priced.lines;
        order.totals = priced.totals;
        const QByteArray body = QJsonDocument(protocol::toJson(order)).toJson(QJsonDocument::Compact);
        prepared.request = "POST /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
            + "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size())
            + "\r\n\r\n" + body.toStdString();
        prepared.payload = QString::fromUtf8(body);
        prepared.customerPayload = customerPayloads.value(customer.id);
        orders.push_back(std::move(prepared));
    }
    return orders;
}

// The baseline: the rows one order writes, in one transaction per order (as the server commits
// each order) on one connection, the fastest way this process has to write them: the rows of a
// kind in one bulk insert (storage/bulkrows.h: on SQLite each row bound through SQLite's C API,
// on PostgreSQL multi-row statements), single statements prepared once. An order that reserves
// stock (as the server's accepted orders do) also writes what its reservation writes: the 20
// stock rows' reserved quantity (one UPDATE ... FROM VALUES), 20 reservations, the journal's
// counter and 20 journal rows, and 20 more feed rows for the stock rows.
class RawInserter final
{
public:
    explicit RawInserter(server::Database &database)
        : m_database(database)
        , m_db(database.connection())
        , m_number(m_db)
        , m_order(m_db)
        , m_head(m_db)
        , m_reserve(m_db)
        , m_movementNumber(m_db)
    {
        prepare(
            m_number,
            "INSERT INTO meta (key, value) VALUES ('raw_order_number', '1') ON CONFLICT (key) DO UPDATE SET "
            "value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT) RETURNING value");
        prepare(m_order,
                "INSERT INTO orders (id, number, client_number, external_id, customer_id, created_by, "
                "price_type_id, "
                "warehouse_id, currency, status, created_at, prices_as_of, delivery_date, comment, "
                "net_minor, vat_minor, "
                "total_minor, discount_minor, request_hash, outcome_json, updated_at) VALUES "
                "(?, ?, ?, NULL, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, '', ?, ?, ?, ?, ?, ?, ?)");
        prepare(m_head, "UPDATE feed_state SET head = head + ? WHERE id = 1 RETURNING head");
        // Each stock row takes the reservation and its feed seq in one update (storage/changefeed.h,
        // RowTable).
        std::string values = "(?, CAST(? AS BIGINT), CAST(? AS BIGINT))";
        for (int i = 1; i < LinesPerOrder; ++i)
            values += ", (?, CAST(? AS BIGINT), CAST(? AS BIGINT))";
        prepare(m_reserve,
                "UPDATE stock SET reserved_milli = reserved_milli + v.column2, seq = v.column3 FROM (VALUES "
                    + values + ") AS v WHERE stock.product_id = v.column1 AND stock.warehouse_id = ?");
        prepare(
            m_movementNumber,
            "INSERT INTO meta (key, value) VALUES ('stock_movement', '20') ON CONFLICT (key) DO UPDATE SET "
            "value = CAST(CAST(meta.value AS BIGINT) + 20 AS TEXT) RETURNING value");
    }

    // Stock rows for the products of the data set in one warehouse, for reservations to change.
    void addStock(const QList<Product> &products, const QString &warehouseId)
    {
        m_warehouse = warehouseId;
        server::BulkRows rows;
        for (const Product &product : products)
            rows.row().id(product.id).text(warehouseId).integer(1000000000).integer(0).integer(0);
        m_database.write([&](QSqlDatabase &tx) {
            rows.insert(tx,
                        QStringLiteral("INSERT INTO stock (product_id, warehouse_id, on_hand_milli, "
                                       "reserved_milli, as_of)"));
        });
    }

    void insert(const PreparedOrder &prepared, const QString &userId, bool reserves)
    {
        const Order &o = prepared.order;
        if (o.lines.size() != LinesPerOrder)
            throw std::runtime_error("the raw insert expects 20-line orders");
        const QString id = server::idText(o.id);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        server::execSql(
            m_db, m_database.isPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"));
        run(m_number);
        m_number.next();
        const QString number = QStringLiteral("R-") + m_number.value(0).toString();
        m_number.finish();
        bindAll(m_order,
                {id, number, o.clientNumber, server::idText(o.customerId), userId,
                 server::idText(o.priceTypeId), o.currency.code(), QStringLiteral("accepted"), now, now,
                 o.totals.net.minor(), o.totals.vat.minor(), o.totals.total.minor(),
                 o.totals.discount.minor(),
                 QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                 QStringLiteral("{\"status\":\"accepted\",\"reasons\":[]}"), now});
        run(m_order);
        server::OrderRepository(m_db).insertLines(o);
        server::BulkRows history;
        history.row()
            .text(id)
            .integer(1)
            .integer(now)
            .text(u"draft")
            .text(u"submitted")
            .text(userId)
            .text(u"");
        history.row()
            .text(id)
            .integer(2)
            .integer(now)
            .text(u"submitted")
            .text(u"accepted")
            .null()
            .text(u"server decision");
        history.insert(m_db,
                       QStringLiteral("INSERT INTO order_history (order_id, seq, at, from_status, to_status, "
                                      "by_user, reason)"));
        const int feedRows = reserves ? 2 + LinesPerOrder : 2;
        bindAll(m_head, {feedRows});
        run(m_head);
        m_head.next();
        qint64 seq = m_head.value(0).toLongLong() - feedRows;
        m_head.finish();
        if (reserves) {
            run(m_movementNumber);
            m_movementNumber.next();
            qint64 movement = m_movementNumber.value(0).toLongLong() - LinesPerOrder;
            m_movementNumber.finish();
            QVariantList taken;
            server::BulkRows reservations(LinesPerOrder * 100);
            server::BulkRows movements(LinesPerOrder * 200);
            for (const OrderLine &l : o.lines) {
                taken << server::idText(l.productId) << l.quantity.milli() << ++seq;
                reservations.row()
                    .text(id)
                    .integer(l.lineNo)
                    .id(l.productId)
                    .text(m_warehouse)
                    .integer(l.quantity.milli())
                    .integer(0);
                movements.row()
                    .integer(++movement)
                    .integer(now)
                    .text(u"reserve")
                    .id(l.productId)
                    .text(m_warehouse)
                    .integer(l.quantity.milli())
                    .integer(0)
                    .integer(l.quantity.milli())
                    .text(userId)
                    .text(id)
                    .null()
                    .null()
                    .text(QStringLiteral("order %1 line %2").arg(number).arg(l.lineNo));
            }
            bindAll(m_reserve, taken << m_warehouse);
            run(m_reserve);
            reservations.insert(m_db,
                                QStringLiteral("INSERT INTO stock_reservations (order_id, line_no, "
                                               "product_id, warehouse_id, reserved_milli, backorder_milli)"));
            movements.insert(m_db,
                             QStringLiteral("INSERT INTO stock_movements (id, at, kind, product_id, "
                                            "warehouse_id, quantity_milli, on_hand_delta_milli, "
                                            "reserved_delta_milli, by_user, order_id, pick_list_id, "
                                            "count_id, note)"));
        }
        server::BulkRows changes(8192);
        const QString audience = QStringLiteral("customer:") + server::idText(o.customerId);
        changes.row().text(u"order").text(id).integer(++seq).text(audience).boolean(false).text(
            prepared.payload);
        changes.row()
            .text(u"customer")
            .id(o.customerId)
            .integer(++seq)
            .text(audience)
            .boolean(false)
            .text(prepared.customerPayload);
        changes.insert(
            m_db, QStringLiteral("INSERT INTO changes (entity, entity_id, seq, audience, deleted, payload)"),
            QStringLiteral(" ON CONFLICT (entity, entity_id) DO UPDATE SET seq = excluded.seq, "
                           "audience = excluded.audience, deleted = excluded.deleted, "
                           "payload = excluded.payload"));
        server::execSql(m_db, QStringLiteral("COMMIT"));
    }

private:
    static void prepare(QSqlQuery &query, const std::string &statement)
    {
        if (!query.prepare(QString::fromStdString(statement)))
            throw std::runtime_error("prepare failed: " + statement);
    }
    static void bindAll(QSqlQuery &query, const QVariantList &values)
    {
        for (qsizetype i = 0; i < values.size(); ++i)
            query.bindValue(static_cast<int>(i), values.at(i));
    }
    static void run(QSqlQuery &query)
    {
        if (!query.exec())
            throw std::runtime_error("raw insert failed: " + query.lastError().text().toStdString());
    }

    server::Database &m_database;
    QSqlDatabase m_db;
    QSqlQuery m_number;
    QSqlQuery m_order;
    QSqlQuery m_head;
    QSqlQuery m_reserve;
    QSqlQuery m_movementNumber;
    QString m_warehouse;
};

struct Backend
{
    QString name;
    server::DatabaseConfig server;
    server::DatabaseConfig raw;
};

void runBackend(const Backend &backend, const QString &dataDir, const QStringList &args)
{
    const int productCount = intArgument(args, QStringLiteral("--products"), 5000);
    const int rounds = std::max(1, intArgument(args, QStringLiteral("--rounds"), 3));
    const auto perRound
        = static_cast<std::size_t>(std::max(100, intArgument(args, QStringLiteral("--orders"), 3000)));
    const int connections = std::max(1, intArgument(args, QStringLiteral("--connections"), 32));
    const int workers = intArgument(args, QStringLiteral("--workers"), 0);
    const std::size_t warmup = perRound / 5;
    // Past this many seconds no further round starts (at least two run).
    const int budgetSeconds = intArgument(args, QStringLiteral("--budget"), 90);
    const bool keepOrders = hasFlag(args, QStringLiteral("--keep-orders"));
    const Stopwatch elapsed;

    printHeading(QStringLiteral("bench_orders on ") + backend.name);
    server::Database database(backend.server);
    server::Migrations::apply(database);
    server::DemoDataSet::Options options;
    options.productCount = productCount;
    options.customerCount = 200;
    options.orderCount = 0;
    options.passwordCost = server::PasswordCost::Minimum;
    Stopwatch generation;
    server::DemoDataSet::generate(database, options);
    printFigure(QStringLiteral("data set"),
                QStringLiteral("%1 products, 200 customers (DemoDataSet), %2 s")
                    .arg(productCount)
                    .arg(number(generation.seconds(), 1)));

    // The baseline writes into a database of its own, so neither run sees the other's orders.
    server::Database rawDatabase(backend.raw);
    server::Migrations::apply(rawDatabase);

    const CatalogView view = readCatalog(database);
    BenchApp app(database, dataDir);
    const std::string token = app.issueToken(QStringLiteral("manager"));
    const QString managerId = database.read([](QSqlDatabase &tx) {
        server::Sql q(tx, QStringLiteral("SELECT id FROM users WHERE login = 'manager'"));
        q.exec();
        return q.next() ? q.value(0).toString() : QString();
    });
    const std::size_t total = warmup + perRound * static_cast<std::size_t>(rounds);
    Stopwatch preparing;
    const std::vector<PreparedOrder> serverOrders = prepareOrders(view, token, total, 1);
    const std::vector<PreparedOrder> rawOrders = prepareOrders(view, token, total, 2);
    printFigure(QStringLiteral("orders prepared (client side, untimed)"),
                QStringLiteral("%1 x 2 in %2 s, body %3")
                    .arg(total)
                    .arg(number(preparing.seconds(), 1))
                    .arg(bytesText(static_cast<double>(serverOrders.front().payload.toUtf8().size()))));
    printFigure(QStringLiteral("customers / orderable products"),
                QStringLiteral("%1 / %2").arg(view.customers.size()).arg(view.products.size()));

    // As `portico-server serve` sizes its pool unless told otherwise.
    BenchServer httpServer(app, 0, workers > 0 ? workers : database.suggestedWorkerThreads());
    httpServer.start();
    RawInserter raw(rawDatabase);
    raw.addStock(view.products, database.read([](QSqlDatabase &tx) {
        server::Sql q(tx, QStringLiteral("SELECT id FROM warehouses ORDER BY name, id LIMIT 1"));
        q.exec();
        return q.next() ? q.value(0).toString() : QString();
    }));

    std::size_t serverNext = 0;
    std::size_t rawNext = 0;
    const auto serverRound = [&](std::size_t count) {
        LoadOptions load;
        load.port = httpServer.port();
        load.connections = connections;
        load.requests = count;
        load.duration = std::chrono::milliseconds(600000);
        const std::size_t base = serverNext;
        serverNext += count;
        return runLoad(load, [&](std::uint64_t index) -> const std::string & {
            return serverOrders[base + static_cast<std::size_t>(index)].request;
        });
    };
    double rawCpuMs = 0;
    // The share of orders that reserve stock on the server (its accepted ones), spread evenly
    // over the baseline's orders; set from the server's round before (none in the warm-up).
    double reservingShare = 0;
    const auto rawRound = [&](std::size_t count) {
        const double cpu = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
        Stopwatch watch;
        for (std::size_t i = 0; i < count; ++i) {
            const auto n = static_cast<double>(rawNext);
            const bool reserves = std::floor((n + 1) * reservingShare) > std::floor(n * reservingShare);
            raw.insert(rawOrders[rawNext++], managerId, reserves);
        }
        const double rate = static_cast<double>(count) / watch.seconds();
        rawCpuMs = (cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpu) * 1000.0 / static_cast<double>(count);
        return rate;
    };

    // The server's orders by status, cancelled ones left out.
    const auto outcomesNow = [&database] {
        return database.read([](QSqlDatabase &tx) {
            QMap<QString, qint64> counts;
            server::Sql q(tx,
                          QStringLiteral("SELECT status, COUNT(*) FROM orders WHERE status <> 'cancelled' "
                                         "GROUP BY status"));
            q.exec();
            while (q.next())
                counts.insert(q.value(0).toString(), q.value(1).toLongLong());
            return counts;
        });
    };
    // Between rounds, untimed, every order of the round just over is cancelled through the same
    // API, which gives back the stock it reserved and the credit it took: each round meets the
    // customers and the stock as the first did, and uploads the same mix. Left in place
    // (--keep-orders), the open orders fill the customers' credit limits, and in later rounds
    // more orders wait for approval without reserving stock, the dearest part of a write.
    std::uint64_t cancelFailures = 0;
    std::size_t cancelNext = 0;
    const std::string cancelBody = R"({"reason":"benchmark round over"})";
    const auto closeRound = [&] {
        const std::size_t count = serverNext - cancelNext;
        if (keepOrders || count == 0)
            return;
        std::vector<std::string> cancels;
        cancels.reserve(count);
        for (std::size_t i = cancelNext; i < serverNext; ++i)
            cancels.push_back("POST /api/v1/orders/"
                              + serverOrders[i].order.id.toString(QUuid::WithoutBraces).toStdString()
                              + "/cancel HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                              + "\r\nContent-Type: application/json\r\nContent-Length: "
                              + std::to_string(cancelBody.size()) + "\r\n\r\n" + cancelBody);
        cancelNext = serverNext;
        LoadOptions load;
        load.port = httpServer.port();
        load.connections = connections;
        load.requests = count;
        load.duration = std::chrono::milliseconds(600000);
        const LoadResult result = runLoad(load, [&](std::uint64_t index) -> const std::string & {
            return cancels[static_cast<std::size_t>(index)];
        });
        cancelFailures += result.completed - result.count(200) + result.failedConnections;
        if (result.count(200) != count)
            printLine(QStringLiteral("  WARNING: %1 of %2 cancellations answered 200; first body: %3")
                          .arg(result.count(200))
                          .arg(count)
                          .arg(QString::fromStdString(result.firstBody.substr(0, 300))));
    };
    QMap<QString, qint64> outcomes;

    // Warm-up: caches, connections, first statements; the server's first, for the share of its
    // orders that reserve stock.
    const LoadResult first = serverRound(warmup);
    if (first.count(201) != warmup)
        printLine(QStringLiteral("  WARNING: warm-up got %1 x 201 of %2; first body: %3")
                      .arg(first.count(201))
                      .arg(warmup)
                      .arg(QString::fromStdString(first.firstBody.substr(0, 300))));
    closeRound();
    rawRound(warmup);

    std::vector<double> serverRates, rawRates, p50, p99, p999, serverCpu, rawCpu, shares, writerCpu,
        writerBusy;
    std::uint64_t non201 = 0;
    const std::int64_t writesBefore = database.writesDone();
    const std::int64_t transactionsBefore = database.writeTransactions();
    // The server's orders that reserved stock, and all of its orders, so far.
    const auto reservedAndAll = [&database] {
        return database.read([](QSqlDatabase &tx) {
            server::Sql q(tx,
                          QStringLiteral("SELECT (SELECT COUNT(DISTINCT order_id) FROM stock_reservations), "
                                         "(SELECT COUNT(*) FROM orders)"));
            q.exec();
            q.next();
            return std::pair {q.value(0).toLongLong(), q.value(1).toLongLong()};
        });
    };
    for (int round = 0; round < rounds; ++round) {
        const auto before = reservedAndAll();
        const auto outcomesBefore = outcomesNow();
        const double processCpu = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
        const double clientCpu = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
        const auto writerBefore = database.writerCpuTime();
        const LoadResult result = serverRound(perRound);
        // SQLite's one writer thread: its CPU per order, and the share of the round it was busy.
        const double writerMs
            = std::chrono::duration<double, std::milli>(database.writerCpuTime() - writerBefore).count();
        writerCpu.push_back(writerMs / static_cast<double>(perRound));
        writerBusy.push_back(writerMs / 1000.0 * result.requestsPerSecond() / static_cast<double>(perRound));
        // The server's CPU: the whole process less the load generator's thread.
        serverCpu.push_back(((cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - processCpu)
                             - (cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - clientCpu))
                            * 1000.0 / static_cast<double>(perRound));
        non201 += result.completed - result.count(201) + result.failedConnections;
        serverRates.push_back(result.requestsPerSecond());
        // The baseline's round reserves for the same share of its orders as this round did.
        const auto after = reservedAndAll();
        for (const auto &[status, n] : outcomesNow().asKeyValueRange())
            outcomes[status] += n - outcomesBefore.value(status);
        closeRound();
        reservingShare = static_cast<double>(after.first - before.first)
            / static_cast<double>(std::max<qint64>(1, after.second - before.second));
        shares.push_back(reservingShare);
        rawRates.push_back(rawRound(perRound));
        rawCpu.push_back(rawCpuMs);
        p50.push_back(percentile(result.latenciesMs, 50));
        p99.push_back(percentile(result.latenciesMs, 99));
        p999.push_back(percentile(result.latenciesMs, 99.9));
        // How many of the round's orders reserved stock, the dearest part of a write: the same in
        // every round, unless --keep-orders lets the customers fill their credit limits.
        printFigure(QStringLiteral("round %1: server / raw orders/s; orders that reserve").arg(round + 1),
                    number(serverRates.back(), 0) + QStringLiteral(" / ") + number(rawRates.back(), 0)
                        + QStringLiteral("; ") + number(reservingShare * 100.0, 0) + QStringLiteral(" %"));
        if (round > 0 && elapsed.seconds() > budgetSeconds) {
            printLine(QStringLiteral("  (time budget reached after %1 rounds)").arg(round + 1));
            break;
        }
    }
    httpServer.stop();
    const double writesPerTransaction = static_cast<double>(database.writesDone() - writesBefore)
        / static_cast<double>(std::max<std::int64_t>(1, database.writeTransactions() - transactionsBefore));

    QStringList statuses;
    for (const auto &[status, n] : outcomes.asKeyValueRange())
        statuses << status + QLatin1Char(' ') + QString::number(n);
    const double serverRate = median(serverRates);
    const double rawRate = median(rawRates);
    printFigure(QStringLiteral("orders per round / rounds / connections"),
                QStringLiteral("%1 / %2 / %3 (20 lines each)")
                    .arg(perRound)
                    .arg(serverRates.size())
                    .arg(connections));
    printFigure(QStringLiteral("server outcomes of the rounds"), statuses.join(QStringLiteral(", ")));
    printFigure(QStringLiteral("orders between rounds"),
                keepOrders ? QStringLiteral("kept (--keep-orders)")
                           : QStringLiteral("cancelled, untimed; %1 not answered 200").arg(cancelFailures));
    printFigure(QStringLiteral("non-201 answers or failed connections"), QString::number(non201));
    printFigure(QStringLiteral("server: orders/s, median"),
                number(serverRate, 0)
                    + QStringLiteral(" (min %1, max %2)")
                          .arg(number(minimum(serverRates), 0), number(maximum(serverRates), 0)));
    printFigure(QStringLiteral("server: latency p50 / p99 / p99.9, median of rounds"),
                QStringLiteral("%1 / %2 / %3 ms")
                    .arg(number(median(p50), 1), number(median(p99), 1), number(median(p999), 1)));
    printFigure(QStringLiteral("server: CPU per order (all server threads), median"),
                number(median(serverCpu), 2) + QStringLiteral(" ms"));
    if (!database.isPostgres())
        printFigure(QStringLiteral("server: writer thread CPU per order; busy share, median"),
                    number(median(writerCpu), 2) + QStringLiteral(" ms; ")
                        + number(median(writerBusy) * 100.0, 0) + QStringLiteral(" %"));
    if (!database.isPostgres()) {
        const server::OrderTermsCache &terms = *app.services().orderTerms;
        const auto looked = static_cast<double>(std::max<std::int64_t>(1, terms.hits() + terms.misses()));
        printFigure(QStringLiteral("server: products' terms and prices found in memory"),
                    number(static_cast<double>(terms.hits()) / looked * 100.0, 1) + QStringLiteral(" %"));
    }
    printFigure(QStringLiteral("server: worker threads; writes per write transaction, mean"),
                QStringLiteral("%1; %2")
                    .arg(workers > 0 ? workers : database.suggestedWorkerThreads())
                    .arg(number(writesPerTransaction, 2)));
    printFigure(QStringLiteral("baseline: orders that reserve stock, as on the server"),
                number(median(shares) * 100.0, 0) + QStringLiteral(" % (median of the rounds)"));
    printFigure(QStringLiteral("baseline: raw insert of the same rows, orders/s"), number(rawRate, 0));
    printFigure(QStringLiteral("baseline: CPU per order, median"),
                number(median(rawCpu), 2) + QStringLiteral(" ms"));
    printFigure(QStringLiteral("RATIO CPU per order raw / server"),
                number(median(rawCpu) / median(serverCpu) * 100.0, 0) + QStringLiteral(" %"));
    printFigure(QStringLiteral("RATIO server / raw insert"),
                number(serverRate / rawRate * 100.0, 0) + QStringLiteral(" %"));
    printFigure(QStringLiteral("target: >= 1000 orders/s (SQLite), >= 70 % of raw"),
                backend.name.startsWith(QLatin1String("SQLite"))
                    ? ((serverRate >= 1000 && serverRate / rawRate >= 0.7) ? QStringLiteral("PASS")
                                                                           : QStringLiteral("MISS"))
                    : ((serverRate / rawRate >= 0.7) ? QStringLiteral("PASS (ratio)")
                                                     : QStringLiteral("MISS (ratio)")));
    database.releaseThreadConnection();
    rawDatabase.releaseThreadConnection();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    const QStringList args = application.arguments();
    if (hasFlag(args, QStringLiteral("--help"))) {
        printLine(QStringLiteral(
            "bench_orders [--backend sqlite|postgres|both] [--products N] [--orders N-per-round] "
            "[--rounds N] [--connections N] [--workers N] [--budget SECONDS] [--keep-orders]"));
        return 0;
    }
    const QString which = argument(args, QStringLiteral("--backend"), QStringLiteral("both"));
    printHeading(
        QStringLiteral("bench_orders: POST /api/v1/orders, 20-line orders, in-process server on loopback"));
    printFigure(QStringLiteral("machine"), machineDescription());

    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    int failures = 0;
    const StderrToFile log(dir.filePath(QStringLiteral("server.log")));
    if (which == QLatin1String("sqlite") || which == QLatin1String("both")) {
        try {
            Backend backend {QStringLiteral("SQLite (WAL, synchronous=FULL)"),
                             server::DatabaseConfig::sqlite(dir.filePath(QStringLiteral("server"))),
                             server::DatabaseConfig::sqlite(dir.filePath(QStringLiteral("raw")))};
            runBackend(backend, dir.filePath(QStringLiteral("server")), args);
        } catch (const std::exception &e) {
            printLine(QStringLiteral("SQLite run failed: ") + QString::fromUtf8(e.what()));
            ++failures;
        }
    }
    if (which == QLatin1String("postgres") || which == QLatin1String("both")) {
#ifdef PORTICO_BENCH_POSTGRES
        test::PostgresCluster cluster;
        if (!cluster.start()) {
            printHeading(QStringLiteral("bench_orders on PostgreSQL"));
            printLine(QStringLiteral("  skipped: ") + cluster.errorString());
        } else {
            try {
                const QString serverUrl = cluster.createDatabase(QStringLiteral("bench_orders"));
                const QString rawUrl = cluster.createDatabase(QStringLiteral("bench_raw"));
                const auto serverConfig = server::DatabaseConfig::fromUrl(serverUrl);
                const auto rawConfig = server::DatabaseConfig::fromUrl(rawUrl);
                if (!serverConfig || !rawConfig)
                    throw std::runtime_error("cannot create the PostgreSQL databases");
                const QString version
                    = QString::fromLocal8Bit(test::runProgram(test::PostgresCluster::binDirectory()
                                                                  + QStringLiteral("/postgres"),
                                                              {QStringLiteral("--version")})
                                                 .output)
                          .trimmed();
                Backend backend {
                    QStringLiteral("PostgreSQL (") + version
                        + QStringLiteral(", throwaway cluster: fsync and synchronous_commit off)"),
                    *serverConfig, *rawConfig};
                runBackend(backend, dir.filePath(QStringLiteral("pg")), args);
            } catch (const std::exception &e) {
                printLine(QStringLiteral("PostgreSQL run failed: ") + QString::fromUtf8(e.what()));
                ++failures;
            }
        }
#else
        printHeading(QStringLiteral("bench_orders on PostgreSQL"));
        printLine(QStringLiteral("  skipped: built without the test support (PORTICO_BUILD_TESTS=OFF)"));
#endif
    }
    return failures == 0 ? 0 : 1;
}
