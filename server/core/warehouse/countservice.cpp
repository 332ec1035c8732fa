#include "warehouse/countservice.h"

#include "auth/caller.h"
#include "http/apierror.h"
#include "services.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "warehouse/countrepository.h"
#include "warehouse/picklist.h"
#include "warehouse/picklistrepository.h"
#include "warehouse/picklistservice.h"
#include "warehouse/requestlog.h"
#include "warehouse/stockledger.h"
#include "warehouse/warehouseinput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <limits>
#include <map>

namespace portico::server {

namespace in = warehouseinput;

namespace {

constexpr qsizetype MaxBins = 1000;
constexpr qsizetype MaxBinLength = 32;
constexpr qsizetype MaxLinesPerRequest = 5000;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray sessionReply(const CountSession &session)
{
    return compact({{QStringLiteral("count_session"), CountRepository::json(session)}});
}

// The variance and the decision are a manager's: warehouse staff count blind and never see
// what the system expects.
void requireManager(const Caller &caller, const QString &doing)
{
    if (caller.role != Role::Admin && caller.role != Role::Manager)
        throw ApiError(ApiErrorCode::Forbidden, QStringLiteral("Only a manager may %1 a count").arg(doing));
}

CountSession lockedSession(CountRepository &counts, const Caller &caller, const Id &countId)
{
    const auto session = counts.lockForUpdate(countId);
    if (!session || !worksIn(caller, session->warehouseId))
        throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such count"));
    return *session;
}

void requireStatus(const CountSession &session, const QString &status, const QString &doing)
{
    if (session.status != status)
        throw ApiError(ApiErrorCode::Conflict,
                       QStringLiteral("A count that is %1 cannot be %2").arg(session.status, doing));
}

// The products a count of these bins covers: those whose bin in the warehouse is one of them.
QList<std::pair<Id, QString>> productsInBins(const QSqlDatabase &tx, const Id &warehouseId,
                                             const QStringList &bins)
{
    QList<std::pair<Id, QString>> result;
    Sql q(
        tx,
        QStringLiteral("SELECT product_id, bin FROM bins WHERE warehouse_id = :wh ORDER BY bin, product_id"));
    q.bind(QStringLiteral(":wh"), idText(warehouseId)).exec();
    while (q.next()) {
        if (bins.contains(q.value(1).toString()))
            result.append({idFrom(q.value(0)), q.value(1).toString()});
    }
    return result;
}

struct ProductVariance
{
    Id productId;
    QStringList bins;
    Quantity expected;
    Quantity counted;
};

// Per product: expected (on hand when submitted) and counted (over its bins).
QList<ProductVariance> varianceOf(const CountSession &session)
{
    std::map<QString, ProductVariance> byProduct;
    for (const auto &line : session.lines) {
        ProductVariance &v = byProduct[idText(line.productId)];
        v.productId = line.productId;
        v.bins.append(line.bin);
        v.counted += line.counted;
        if (line.expected)
            v.expected = *line.expected;
    }
    QList<ProductVariance> result;
    for (auto &[key, v] : byProduct)
        result.append(v);
    return result;
}

} // namespace

CountService::CountService(Services &services, Published published)
    : m_services(services)
    , m_published(std::move(published))
{ }

void CountService::published(const QStringList &audiences)
{
    if (m_published && !audiences.isEmpty())
        m_published(audiences);
}

CountService::Reply CountService::open(const Caller &caller, const QByteArray &body)
{
    const QJsonObject json = in::object(body);
    const Id warehouseId = in::id(json, QStringLiteral("warehouse_id"), QStringLiteral("$.warehouse_id"));
    const QJsonArray binsJson
        = in::array(json, QStringLiteral("bins"), QStringLiteral("$.bins"), false, MaxBins);
    QStringList bins;
    for (qsizetype i = 0; i < binsJson.size(); ++i) {
        const QString path = QStringLiteral("$.bins[%1]").arg(i);
        const QString bin = in::text({{QStringLiteral("bin"), binsJson.at(i)}}, QStringLiteral("bin"), path,
                                     true, MaxBinLength);
        if (!bins.contains(bin))
            bins.append(bin);
    }
    QStringList audiences;
    const Reply reply = m_services.database.write([&](QSqlDatabase &tx) -> Reply {
        Sql exists(tx, QStringLiteral("SELECT 1 FROM warehouses WHERE id = :id"));
        exists.bind(QStringLiteral(":id"), idText(warehouseId)).exec();
        if (!exists.next() || !worksIn(caller, warehouseId))
            throw ApiError(ApiErrorCode::Unprocessable, QStringLiteral("No such warehouse"),
                           QStringLiteral("$.warehouse_id"));
        const qint64 now = m_services.now();
        CountSession session;
        session.id = Id::createUuid();
        session.number
            = PickListRepository(tx).nextNumber(QStringLiteral("count_number"), QStringLiteral("CNT-"));
        session.warehouseId = warehouseId;
        session.status = countstatus::Open;
        session.createdAt = session.updatedAt = now;
        session.bins = bins;
        CountRepository counts(tx);
        counts.insert(session, Id::fromString(caller.userId));
        FeedBatch feed;
        CountRepository::publish(session, feed);
        feed.append(tx);
        audiences = feed.audiences();
        return Reply {201, sessionReply(session)};
    });
    published(audiences);
    return reply;
}

CountService::Reply CountService::addLines(const Caller &caller, const Id &countId, const QByteArray &body)
{
    const auto request = in::terminalWrite(body, QStringLiteral("count_lines"));
    const QJsonArray linesJson = in::array(request.json, QStringLiteral("lines"), QStringLiteral("$.lines"),
                                           true, MaxLinesPerRequest);
    QList<CountLine> lines;
    QList<QString> paths;
    for (qsizetype i = 0; i < linesJson.size(); ++i) {
        const QString path = QStringLiteral("$.lines[%1]").arg(i);
        const QJsonObject item = in::item(linesJson, i, path);
        lines.append(
            {in::id(item, QStringLiteral("product_id"), path + QStringLiteral(".product_id")),
             in::text(item, QStringLiteral("bin"), path + QStringLiteral(".bin"), false, MaxBinLength),
             in::quantity(item, QStringLiteral("counted"), path + QStringLiteral(".counted"), true),
             std::nullopt});
        paths.append(path);
    }
    return changeSession(
        caller, countId, &request,
        [&](QSqlDatabase &tx, CountRepository &counts, const CountSession &session, qint64 now, FeedBatch &) {
            requireStatus(session, countstatus::Open, QStringLiteral("counted"));
            Sql product(tx, QStringLiteral("SELECT 1 FROM products WHERE id = :id"));
            for (qsizetype i = 0; i < lines.size(); ++i) {
                product.bind(QStringLiteral(":id"), idText(lines.at(i).productId)).exec();
                if (!product.next())
                    throw ApiError(ApiErrorCode::Unprocessable, QStringLiteral("No such product"),
                                   paths.at(i) + QStringLiteral(".product_id"));
                if (!session.bins.isEmpty() && !session.bins.contains(lines.at(i).bin))
                    throw ApiError(ApiErrorCode::Unprocessable,
                                   QStringLiteral("The bin is not part of this count"),
                                   paths.at(i) + QStringLiteral(".bin"));
            }
            for (const auto &line : std::as_const(lines))
                counts.putLine(countId, line, Id::fromString(caller.userId), now);
            counts.setStatus(countId, countstatus::Open, now);
            return true;
        });
}

CountService::Reply CountService::submit(const Caller &caller, const Id &countId)
{
    return changeSession(
        caller, countId, nullptr,
        [&](QSqlDatabase &tx, CountRepository &counts, const CountSession &session, qint64 now, FeedBatch &) {
            if (session.status == countstatus::Submitted)
                return false; // a repeated submit
            requireStatus(session, countstatus::Open, QStringLiteral("submitted"));
            const Id user = Id::fromString(caller.userId);
            // A count of some bins covers every product in them: one nobody counted was not found.
            QSet<QString> counted;
            for (const auto &line : session.lines)
                counted.insert(idText(line.productId) + QLatin1Char('/') + line.bin);
            if (!session.bins.isEmpty()) {
                for (const auto &[productId, bin] : productsInBins(tx, session.warehouseId, session.bins)) {
                    if (!counted.contains(idText(productId) + QLatin1Char('/') + bin))
                        counts.putLine(countId, {productId, bin, Quantity(), std::nullopt}, user, now);
                }
            }
            StockLedger ledger(tx, now, user);
            const auto withZeros = counts.find(countId);
            for (const auto &line : withZeros->lines)
                counts.setExpected(countId, line.productId, line.bin,
                                   ledger.lock(line.productId, session.warehouseId).onHand);
            counts.setStatus(countId, countstatus::Submitted, now);
            return true;
        });
}

CountService::Reply CountService::variance(const Caller &caller, const Id &countId)
{
    requireManager(caller, QStringLiteral("read the variance of"));
    return m_services.database.read([&](QSqlDatabase &tx) -> Reply {
        CountRepository counts(tx);
        const auto session = counts.find(countId);
        if (!session || !worksIn(caller, session->warehouseId))
            throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such count"));
        if (session->status == countstatus::Open)
            throw ApiError(ApiErrorCode::Conflict, QStringLiteral("The count has not been submitted yet"));
        Sql product(tx, QStringLiteral("SELECT sku, name FROM products WHERE id = :id"));
        QJsonArray lines;
        for (const auto &v : varianceOf(*session)) {
            product.bind(QStringLiteral(":id"), idText(v.productId)).exec();
            const bool known = product.next();
            lines.append(
                QJsonObject {{QStringLiteral("product_id"), idText(v.productId)},
                             {QStringLiteral("sku"), known ? product.value(0).toString() : QString()},
                             {QStringLiteral("name"), known ? product.value(1).toString() : QString()},
                             {QStringLiteral("bins"), QJsonArray::fromStringList(v.bins)},
                             {QStringLiteral("expected"), quantityText(v.expected)},
                             {QStringLiteral("counted"), quantityText(v.counted)},
                             {QStringLiteral("difference"), quantityText(v.counted - v.expected)}});
        }
        return Reply {200,
                      compact({{QStringLiteral("count_session"), CountRepository::json(*session)},
                               {QStringLiteral("lines"), lines}})};
    });
}

CountService::Reply CountService::decide(const Caller &caller, const Id &countId, bool approve)
{
    requireManager(caller, approve ? QStringLiteral("approve") : QStringLiteral("reject"));
    const QString target = approve ? countstatus::Approved : countstatus::Rejected;
    return changeSession(
        caller, countId, nullptr,
        [&](QSqlDatabase &tx, CountRepository &counts, const CountSession &session, qint64 now,
            FeedBatch &feed) {
            if (session.status == target)
                return false; // a repeated decision
            if (approve || session.status != countstatus::Open)
                requireStatus(session, countstatus::Submitted,
                              approve ? QStringLiteral("approved") : QStringLiteral("rejected"));
            const Id user = Id::fromString(caller.userId);
            if (approve) {
                StockLedger ledger(tx, now, user);
                const QList<ProductVariance> variances = varianceOf(session);
                QList<std::pair<Id, Id>> keys;
                for (const auto &v : variances)
                    keys.append({v.productId, session.warehouseId});
                ledger.lockAll(keys);
                const MovementRef ref {{}, {}, countId, QStringLiteral("count %1").arg(session.number)};
                for (const auto &v : variances) {
                    const StockLevel level = ledger.lock(v.productId, session.warehouseId);
                    // What the count found differs from what was expected when it was submitted;
                    // movements since then stand. On hand never goes below zero.
                    Quantity delta = v.counted - v.expected;
                    if (level.onHand + delta < Quantity())
                        delta = -level.onHand;
                    if (delta.isZero())
                        continue;
                    ledger.move(MovementKind::CountAdjustment, v.productId, session.warehouseId, delta, delta,
                                {}, ref);
                    const Quantity onHand = level.onHand + delta;
                    Quantity reserved = level.reserved;
                    // Orders not yet on a pick list give back what the shelf no longer has.
                    for (const auto &r : ledger.unpickedReservations(v.productId, session.warehouseId)) {
                        if (reserved <= onHand)
                            break;
                        const Quantity give = std::min(r.reserved, reserved - onHand);
                        MovementRef released = ref;
                        released.orderId = r.orderId;
                        ledger.releaseLine(r.orderId, r.lineNo, give, m_services.reservationPolicy, released);
                        reserved -= give;
                    }
                    if (reserved > onHand)
                        throw ApiError(
                            ApiErrorCode::Conflict,
                            QStringLiteral("Pick lists hold more than the count found; confirm them first"));
                    // Found more: orders waiting for this product get it.
                    if (delta.isPositive())
                        ledger.fillBackorders(v.productId, session.warehouseId);
                }
                ledger.finish(feed);
            }
            counts.setStatus(countId, target, now, user);
            return true;
        });
}

CountService::Reply CountService::changeSession(const Caller &caller, const Id &countId,
                                                const in::TerminalWrite *request, const SessionChange &change)
{
    QStringList audiences;
    const Reply reply = m_services.database.write([&](QSqlDatabase &tx) -> Reply {
        CountRepository counts(tx);
        const CountSession session = lockedSession(counts, caller, countId);
        RequestLog log(tx);
        if (request) {
            if (const auto answer
                = log.repeat(request->clientId, request->kind, countId, caller.userId, request->hash))
                return Reply {answer->status, answer->body};
        }
        const qint64 now = m_services.now();
        FeedBatch feed;
        if (!change(tx, counts, session, now, feed))
            return Reply {200, sessionReply(session)};
        const auto fresh = counts.find(countId);
        CountRepository::publish(*fresh, feed);
        const Reply answer {200, sessionReply(*fresh)};
        if (request)
            log.store(request->clientId, request->kind, countId, caller.userId, request->hash,
                      {answer.status, answer.json}, now);
        feed.append(tx);
        audiences = feed.audiences();
        return answer;
    });
    published(audiences);
    return reply;
}

namespace {

const QString MovementColumns
    = QStringLiteral("m.id, m.at, m.kind, m.product_id, m.warehouse_id, m.quantity_milli, "
                     "m.on_hand_delta_milli, m.reserved_delta_milli, m.by_user, m.order_id, "
                     "m.pick_list_id, m.count_id, m.note");

// One row of MovementColumns as the API gives it.
QJsonObject movementJson(const Sql &q)
{
    auto optionalId = [&](int column) {
        return q.value(column).isNull() ? QJsonValue(QJsonValue::Null)
                                        : QJsonValue(q.value(column).toString());
    };
    return QJsonObject {
        {QStringLiteral("id"), q.value(0).toLongLong()},
        {QStringLiteral("at"), timeText(q.value(1).toLongLong())},
        {QStringLiteral("kind"), q.value(2).toString()},
        {QStringLiteral("product_id"), q.value(3).toString()},
        {QStringLiteral("warehouse_id"), q.value(4).toString()},
        {QStringLiteral("quantity"), quantityText(Quantity::fromMilli(q.value(5).toLongLong()))},
        {QStringLiteral("on_hand_delta"), quantityText(Quantity::fromMilli(q.value(6).toLongLong()))},
        {QStringLiteral("reserved_delta"), quantityText(Quantity::fromMilli(q.value(7).toLongLong()))},
        {QStringLiteral("by_user"), optionalId(8)},
        {QStringLiteral("order_id"), optionalId(9)},
        {QStringLiteral("pick_list_id"), optionalId(10)},
        {QStringLiteral("count_id"), optionalId(11)},
        {QStringLiteral("note"), q.value(12).toString()}};
}

// The movements of one stock row older than `before`, newest first, at most `wanted`: its chain
// (stockledger.h) walked from the row's newest movement, or from the one before `before` when
// `before` is a movement of this row (the next_before of a page), so that paging does not walk
// again what earlier pages gave.
QList<std::pair<qint64, QJsonObject>> rowMovements(const QSqlDatabase &tx, const QString &productId,
                                                   const QString &warehouseId, qint64 before, int wanted)
{
    qint64 start = 0;
    Sql from(tx,
             QStringLiteral("SELECT previous FROM stock_movements WHERE id = :before AND product_id = "
                            ":product AND warehouse_id = :wh"));
    from.bind(QStringLiteral(":before"), before)
        .bind(QStringLiteral(":product"), productId)
        .bind(QStringLiteral(":wh"), warehouseId)
        .exec();
    if (from.next()) {
        start = from.value(0).toLongLong();
    } else {
        Sql head(tx,
                 QStringLiteral("SELECT last_movement FROM stock WHERE product_id = :product AND "
                                "warehouse_id = :wh"));
        head.bind(QStringLiteral(":product"), productId).bind(QStringLiteral(":wh"), warehouseId).exec();
        if (head.next())
            start = head.value(0).toLongLong();
    }
    QList<std::pair<qint64, QJsonObject>> result;
    if (start <= 0)
        return result;
    // n: how many movements older than `before` the walk has passed; it stops at `wanted`.
    Sql q(
        tx,
        QStringLiteral("WITH RECURSIVE chain (id, n) AS ("
                       "SELECT CAST(:start AS BIGINT), CASE WHEN CAST(:start2 AS BIGINT) < "
                       "CAST(:before AS BIGINT) THEN 1 ELSE 0 END "
                       "UNION ALL SELECT m.previous, c.n + CASE WHEN m.previous < CAST(:before2 AS "
                       "BIGINT) THEN 1 ELSE 0 END FROM chain c JOIN stock_movements m ON m.id = c.id "
                       "WHERE m.previous > 0 AND c.n < CAST(:wanted AS INTEGER)) SELECT ")
            + MovementColumns
            + QStringLiteral(" FROM chain c JOIN stock_movements m ON m.id = c.id WHERE m.id < "
                             "CAST(:before3 AS BIGINT) ORDER BY m.id DESC LIMIT CAST(:wanted2 AS INTEGER)"));
    q.bind(QStringLiteral(":start"), start)
        .bind(QStringLiteral(":start2"), start)
        .bind(QStringLiteral(":before"), before)
        .bind(QStringLiteral(":before2"), before)
        .bind(QStringLiteral(":wanted"), wanted)
        .bind(QStringLiteral(":before3"), before)
        .bind(QStringLiteral(":wanted2"), wanted)
        .exec();
    while (q.next())
        result.append({q.value(0).toLongLong(), movementJson(q)});
    return result;
}

} // namespace

CountService::Reply CountService::movements(const Caller &caller, const MovementQuery &query)
{
    return m_services.database.read([&](QSqlDatabase &tx) -> Reply {
        if (!query.warehouseId.isNull() && !worksIn(caller, query.warehouseId))
            throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such warehouse"));
        const qint64 before = query.before > 0 ? query.before : std::numeric_limits<qint64>::max();
        const int wanted = query.limit + 1; // one more tells whether there is a next page
        QList<std::pair<qint64, QJsonObject>> found;
        if (!query.productId.isNull()) {
            // A product's movements: the chains of its stock rows (one per warehouse), merged.
            QStringList warehouses;
            if (!query.warehouseId.isNull()) {
                warehouses << idText(query.warehouseId);
            } else {
                Sql rows(tx,
                         QStringLiteral("SELECT warehouse_id FROM stock WHERE product_id = :product "
                                        "ORDER BY warehouse_id"));
                rows.bind(QStringLiteral(":product"), idText(query.productId)).exec();
                while (rows.next())
                    warehouses << rows.value(0).toString();
            }
            for (const QString &warehouse : std::as_const(warehouses))
                found += rowMovements(tx, idText(query.productId), warehouse, before, wanted);
            std::sort(found.begin(), found.end(),
                      [](const auto &a, const auto &b) { return a.first > b.first; });
        } else {
            QString statement = QStringLiteral("SELECT ") + MovementColumns
                + QStringLiteral(" FROM stock_movements m WHERE m.id < :before");
            if (!query.warehouseId.isNull())
                statement += QStringLiteral(" AND m.warehouse_id = :wh");
            statement += QStringLiteral(" ORDER BY m.id DESC LIMIT :limit");
            Sql q(tx, statement);
            q.bind(QStringLiteral(":before"), before);
            if (!query.warehouseId.isNull())
                q.bind(QStringLiteral(":wh"), idText(query.warehouseId));
            q.bind(QStringLiteral(":limit"), wanted).exec();
            while (q.next())
                found.append({q.value(0).toLongLong(), movementJson(q)});
        }
        const bool more = found.size() > query.limit;
        QJsonArray movements;
        for (qsizetype i = 0; i < std::min<qsizetype>(found.size(), query.limit); ++i)
            movements.append(found.at(i).second);
        const QJsonValue next
            = more ? QJsonValue(found.at(query.limit - 1).first) : QJsonValue(QJsonValue::Null);
        return Reply {
            200, compact({{QStringLiteral("movements"), movements}, {QStringLiteral("next_before"), next}})};
    });
}

} // namespace portico::server
