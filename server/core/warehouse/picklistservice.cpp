#include "warehouse/picklistservice.h"

#include "auth/caller.h"
#include "documents/documentrepository.h"
#include "http/apierror.h"
#include "orders/orderrepository.h"
#include "services.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "warehouse/orderreservations.h"
#include "warehouse/picklistrepository.h"
#include "warehouse/requestlog.h"
#include "warehouse/stockledger.h"
#include "warehouse/warehouseinput.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace portico::server {

namespace in = warehouseinput;

namespace {

constexpr int MaxOrdersPerList = 50;
constexpr qsizetype MaxPackages = 500;
constexpr qsizetype MaxBinLength = 32;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The list, locked for this transaction, when the caller works in its warehouse; 404 otherwise
// (another warehouse's list is as unknown as a list that does not exist).
PickList lockedList(PickListRepository &lists, const Caller &caller, const Id &listId)
{
    const auto list = lists.lockForUpdate(listId);
    if (!list || !worksIn(caller, list->warehouseId))
        throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such pick list"));
    return *list;
}

void requireStatus(const PickList &list, std::initializer_list<QString> allowed, const QString &doing)
{
    for (const auto &status : allowed) {
        if (list.status == status)
            return;
    }
    throw PickConflict(QStringLiteral("pick_list_closed"),
                       QStringLiteral("A pick list that is %1 cannot be %2").arg(list.status, doing),
                       QString(), pickListJson(list));
}

bool warehouseExists(const QSqlDatabase &tx, const Id &warehouseId)
{
    Sql q(tx, QStringLiteral("SELECT 1 FROM warehouses WHERE id = :id"));
    q.bind(QStringLiteral(":id"), idText(warehouseId)).exec();
    return q.next();
}

QString binOf(const QSqlDatabase &tx, const Id &productId, const Id &warehouseId)
{
    Sql q(tx, QStringLiteral("SELECT bin FROM bins WHERE product_id = :product AND warehouse_id = :wh"));
    q.bind(QStringLiteral(":product"), idText(productId))
        .bind(QStringLiteral(":wh"), idText(warehouseId))
        .exec();
    return q.next() ? q.value(0).toString() : QString();
}

// Whether a picking reason is one the terminals offer: damaged, not_found, short, or
// other:<text>.
bool validReason(const QString &reason)
{
    if (reason == QLatin1String("damaged") || reason == QLatin1String("not_found")
        || reason == QLatin1String("short"))
        return true;
    return reason.startsWith(QLatin1String("other:")) && !reason.mid(6).trimmed().isEmpty();
}

// Goods on the shelf for one more pick: on hand less what active pick lists already took.
void requireOnShelf(PickListRepository &lists, StockLedger &ledger, const PickList &list,
                    const PickLine &line, Quantity more)
{
    const StockLevel level = ledger.lock(line.productId, list.warehouseId);
    const Quantity taken = lists.pickedOnActiveLists(line.productId, list.warehouseId);
    if (taken + more > level.onHand) {
        const Quantity left = std::max(level.onHand - taken, Quantity());
        throw PickConflict(
            QStringLiteral("stock_conflict"),
            QStringLiteral("Only %1 of %2 is left in the warehouse").arg(quantityText(left), line.sku),
            QStringLiteral("$.line_id"), pickListJson(list));
    }
}

} // namespace

PickConflict::PickConflict(QString code, QString message, QString field, QJsonObject pickList)
    : std::runtime_error(message.toStdString())
    , m_code(std::move(code))
    , m_message(std::move(message))
    , m_field(std::move(field))
    , m_pickList(std::move(pickList))
{ }

QByteArray PickConflict::body() const
{
    QJsonObject error {{QStringLiteral("code"), m_code}, {QStringLiteral("message"), m_message}};
    if (!m_field.isEmpty())
        error.insert(QStringLiteral("field"), m_field);
    return compact({{QStringLiteral("error"), error}, {QStringLiteral("pick_list"), m_pickList}});
}

bool worksIn(const Caller &caller, const Id &warehouseId)
{
    if (caller.role == Role::Admin || caller.role == Role::Manager)
        return true;
    return caller.role == Role::Warehouse && !warehouseId.isNull()
        && caller.warehouseId == idText(warehouseId);
}

PickListService::PickListService(Services &services, Published published)
    : m_services(services)
    , m_published(std::move(published))
{ }

void PickListService::published(const QStringList &audiences)
{
    if (m_published && !audiences.isEmpty())
        m_published(audiences);
}

PickListService::Reply PickListService::create(const Caller &caller, const QByteArray &body)
{
    const QJsonObject json = in::object(body);
    const Id warehouseId = in::id(json, QStringLiteral("warehouse_id"), QStringLiteral("$.warehouse_id"));
    const QJsonArray requestedJson = in::array(json, QStringLiteral("order_ids"),
                                               QStringLiteral("$.order_ids"), false, MaxOrdersPerList);
    QList<Id> requested;
    for (qsizetype i = 0; i < requestedJson.size(); ++i) {
        const QString path = QStringLiteral("$.order_ids[%1]").arg(i);
        const Id id
            = in::id({{QStringLiteral("order_id"), requestedJson.at(i)}}, QStringLiteral("order_id"), path);
        if (requested.contains(id))
            throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("An order is listed twice"), path);
        requested.append(id);
    }

    QStringList audiences;
    const Reply reply = m_services.database.write([&](QSqlDatabase &tx) -> Reply {
        if (!worksIn(caller, warehouseId) || !warehouseExists(tx, warehouseId))
            throw ApiError(ApiErrorCode::NotFound, QStringLiteral("No such warehouse"),
                           QStringLiteral("$.warehouse_id"));
        PickListRepository lists(tx);
        const QList<Id> pickable
            = lists.pickableOrders(warehouseId, requested.isEmpty() ? MaxOrdersPerList : 100000);
        for (qsizetype i = 0; i < requested.size(); ++i) {
            if (!pickable.contains(requested.at(i)))
                throw ApiError(
                    ApiErrorCode::Unprocessable,
                    QStringLiteral(
                        "The order is not one of this warehouse's orders ready to pick "
                        "(accepted, exported or in production, with reserved stock, on no pick list)"),
                    QStringLiteral("$.order_ids[%1]").arg(i));
        }
        const qint64 now = m_services.now();
        const Id user = Id::fromString(caller.userId);
        QList<Id> claimed;
        for (const Id &orderId : requested.isEmpty() ? pickable : requested) {
            if (lists.claimOrder(orderId, now))
                claimed.append(orderId);
        }
        if (claimed.isEmpty())
            return Reply {200, compact({{QStringLiteral("pick_lists"), QJsonArray()}})};

        PickList list;
        list.id = Id::createUuid();
        list.number = lists.nextNumber(QStringLiteral("pick_list_number"), QStringLiteral("PL-"));
        list.warehouseId = warehouseId;
        list.status = pickstatus::Open;
        list.createdAt = list.updatedAt = now;
        list.version = 1;
        list.orderIds = claimed;
        StockLedger ledger(tx, now, user);
        QHash<Id, QString> bins;
        for (const Id &orderId : std::as_const(claimed)) {
            for (const auto &r : ledger.reservations(orderId)) {
                if (!r.reserved.isPositive())
                    continue;
                if (!bins.contains(r.productId))
                    bins.insert(r.productId, binOf(tx, r.productId, warehouseId));
                PickLine line;
                line.id = Id::createUuid();
                line.orderId = orderId;
                line.lineNo = r.lineNo;
                line.productId = r.productId;
                line.bin = bins.value(r.productId);
                line.quantity = r.reserved;
                list.lines.append(line);
            }
        }
        // Bin order walks the warehouse once; lines without a bin come last.
        std::stable_sort(list.lines.begin(), list.lines.end(), [](const PickLine &a, const PickLine &b) {
            if (a.bin.isEmpty() != b.bin.isEmpty())
                return b.bin.isEmpty();
            return a.bin < b.bin;
        });
        lists.insert(list);
        FeedBatch feed;
        for (const Id &orderId : std::as_const(claimed))
            moveOrder(tx, orderId, OrderStatus::Picking, user,
                      QStringLiteral("pick list %1").arg(list.number), now, feed);
        const auto fresh = lists.find(list.id);
        PickListRepository::publish(*fresh, feed);
        feed.append(tx);
        audiences = feed.audiences();
        return Reply {201, compact({{QStringLiteral("pick_lists"), QJsonArray {pickListJson(*fresh)}}})};
    });
    published(audiences);
    return reply;
}

PickListService::Reply PickListService::scan(const Caller &caller, const Id &listId, const QByteArray &body)
{
    const auto request = in::terminalWrite(body, QStringLiteral("scan"));
    const Id lineId = in::id(request.json, QStringLiteral("line_id"), QStringLiteral("$.line_id"));
    const Quantity quantity
        = in::quantity(request.json, QStringLiteral("quantity"), QStringLiteral("$.quantity"), false);

    return changeList(
        caller, listId, request,
        [&](QSqlDatabase &tx, PickListRepository &lists, const PickList &list, qint64 now, FeedBatch &) {
            requireStatus(list, {pickstatus::Open, pickstatus::Picking}, QStringLiteral("scanned"));
            const PickLine *line = list.line(lineId);
            if (!line)
                throw ApiError(ApiErrorCode::Unprocessable, QStringLiteral("No such line on this pick list"),
                               QStringLiteral("$.line_id"));
            if (line->picked + quantity > line->quantity)
                throw PickConflict(
                    QStringLiteral("over_pick"),
                    QStringLiteral("%1 of %2 is picked already; the line asks for %3")
                        .arg(quantityText(line->picked), line->sku, quantityText(line->quantity)),
                    QStringLiteral("$.quantity"), pickListJson(list));
            StockLedger ledger(tx, now, Id::fromString(caller.userId));
            requireOnShelf(lists, ledger, list, *line, quantity);
            lists.setPicked(lineId, line->picked + quantity, line->reason);
            lists.setStatus(listId, pickstatus::Picking, now);
            return QJsonObject();
        });
}

PickListService::Reply PickListService::confirm(const Caller &caller, const Id &listId,
                                                const QByteArray &body)
{
    const auto request = in::terminalWrite(body, QStringLiteral("confirm"));
    const QJsonArray linesJson
        = in::array(request.json, QStringLiteral("lines"), QStringLiteral("$.lines"), false, 5000);
    struct Confirmed
    {
        Quantity picked;
        QString reason;
        QString path;
    };
    QHash<Id, Confirmed> confirmed;
    for (qsizetype i = 0; i < linesJson.size(); ++i) {
        const QString path = QStringLiteral("$.lines[%1]").arg(i);
        const QJsonObject item = in::item(linesJson, i, path);
        const Id lineId = in::id(item, QStringLiteral("line_id"), path + QStringLiteral(".line_id"));
        if (confirmed.contains(lineId))
            throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("A line is confirmed twice"), path);
        const Quantity picked
            = in::quantity(item, QStringLiteral("picked"), path + QStringLiteral(".picked"), true);
        const QString reason
            = in::text(item, QStringLiteral("reason"), path + QStringLiteral(".reason"), false);
        if (!reason.isEmpty() && !validReason(reason))
            throw ApiError(ApiErrorCode::BadRequest,
                           QStringLiteral("reason must be damaged, not_found, short or other:<text>"),
                           path + QStringLiteral(".reason"));
        confirmed.insert(lineId, {picked, reason, path});
    }
    return changeList(
        caller, listId, request,
        [&](QSqlDatabase &tx, PickListRepository &lists, const PickList &list, qint64 now, FeedBatch &feed) {
            requireStatus(list, {pickstatus::Open, pickstatus::Picking}, QStringLiteral("confirmed"));
            for (auto it = confirmed.cbegin(); it != confirmed.cend(); ++it) {
                if (!list.line(it.key()))
                    throw ApiError(ApiErrorCode::Unprocessable,
                                   QStringLiteral("No such line on this pick list"),
                                   it->path + QStringLiteral(".line_id"));
            }
            const Id user = Id::fromString(caller.userId);
            StockLedger ledger(tx, now, user);
            QList<std::pair<Id, Id>> keys;
            for (const auto &line : list.lines)
                keys.append({line.productId, list.warehouseId});
            ledger.lockAll(keys);
            for (const auto &line : list.lines) {
                const auto given = confirmed.constFind(line.id);
                const Quantity picked = given == confirmed.cend() ? line.picked : given->picked;
                const QString reason = given == confirmed.cend() ? line.reason : given->reason;
                const QString path = given == confirmed.cend() ? QStringLiteral("$.lines") : given->path;
                if (picked > line.quantity)
                    throw PickConflict(QStringLiteral("over_pick"),
                                       QStringLiteral("The line asks for %1 of %2")
                                           .arg(quantityText(line.quantity), line.sku),
                                       path + QStringLiteral(".picked"), pickListJson(list));
                if (picked != line.quantity && reason.isEmpty())
                    throw ApiError(
                        ApiErrorCode::Unprocessable,
                        QStringLiteral("Line %1 (%2): %3 picked of %4 needs a reason")
                            .arg(line.bin, line.sku, quantityText(picked), quantityText(line.quantity)),
                        path + QStringLiteral(".reason"));
                if (picked > line.picked)
                    requireOnShelf(lists, ledger, list, line, picked - line.picked);
            }
            const MovementRef ref {{}, listId, {}, QStringLiteral("pick list %1").arg(list.number)};
            for (const auto &line : list.lines) {
                const auto given = confirmed.constFind(line.id);
                const Quantity picked = given == confirmed.cend() ? line.picked : given->picked;
                const QString reason = picked == line.quantity
                    ? QString()
                    : (given == confirmed.cend() ? line.reason : given->reason);
                lists.setPicked(line.id, picked, reason);
                MovementRef lineRef = ref;
                lineRef.orderId = line.orderId;
                ledger.move(MovementKind::Pick, line.productId, list.warehouseId, picked, {}, {}, lineRef);
                if (picked < line.quantity)
                    ledger.releaseLine(line.orderId, line.lineNo, line.quantity - picked,
                                       m_services.reservationPolicy, lineRef);
            }
            lists.setStatus(listId, pickstatus::Picked, now);
            for (const Id &orderId : list.orderIds)
                moveOrder(tx, orderId, OrderStatus::Picked, user,
                          QStringLiteral("pick list %1 picked").arg(list.number), now, feed);
            ledger.finish(feed);
            return QJsonObject();
        });
}

PickListService::Reply PickListService::pack(const Caller &caller, const Id &listId, const QByteArray &body)
{
    const auto request = in::terminalWrite(body, QStringLiteral("pack"));
    const QJsonArray packagesJson = in::array(request.json, QStringLiteral("packages"),
                                              QStringLiteral("$.packages"), true, MaxPackages);
    if (packagesJson.isEmpty())
        throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("packages must not be empty"),
                       QStringLiteral("$.packages"));
    QList<PickPackage> packages;
    QList<QString> paths;
    for (qsizetype i = 0; i < packagesJson.size(); ++i) {
        const QString path = QStringLiteral("$.packages[%1]").arg(i);
        const QJsonObject item = in::item(packagesJson, i, path);
        PickPackage package;
        package.id = Id::createUuid();
        package.number = static_cast<int>(i) + 1;
        package.weight = in::quantity(item, QStringLiteral("weight"), path + QStringLiteral(".weight"), true);
        const QJsonArray lines
            = in::array(item, QStringLiteral("lines"), path + QStringLiteral(".lines"), true, 5000);
        if (lines.isEmpty())
            throw ApiError(ApiErrorCode::BadRequest, QStringLiteral("A package needs at least one line"),
                           path + QStringLiteral(".lines"));
        for (qsizetype j = 0; j < lines.size(); ++j) {
            const QString linePath = path + QStringLiteral(".lines[%1]").arg(j);
            const QJsonObject line = in::item(lines, j, linePath);
            package.lines.append(
                {in::id(line, QStringLiteral("line_id"), linePath + QStringLiteral(".line_id")),
                 in::quantity(line, QStringLiteral("quantity"), linePath + QStringLiteral(".quantity"),
                              false)});
        }
        packages.append(package);
        paths.append(path);
    }
    return changeList(
        caller, listId, request,
        [&](QSqlDatabase &, PickListRepository &lists, const PickList &list, qint64 now, FeedBatch &) {
            requireStatus(list, {pickstatus::Picked, pickstatus::Packed}, QStringLiteral("packed"));
            QHash<Id, Quantity> packed;
            for (qsizetype i = 0; i < packages.size(); ++i) {
                for (const auto &[lineId, quantity] : packages.at(i).lines) {
                    const PickLine *line = list.line(lineId);
                    if (!line)
                        throw ApiError(ApiErrorCode::Unprocessable,
                                       QStringLiteral("No such line on this pick list"),
                                       paths.at(i) + QStringLiteral(".lines"));
                    packed[lineId] += quantity;
                    if (packed.value(lineId) > line->picked)
                        throw ApiError(ApiErrorCode::Unprocessable,
                                       QStringLiteral("More of %1 is packed than the %2 picked")
                                           .arg(line->sku, quantityText(line->picked)),
                                       paths.at(i) + QStringLiteral(".lines"));
                }
            }
            lists.replacePackages(listId, packages);
            lists.setStatus(listId, pickstatus::Packed, now);
            return QJsonObject();
        });
}

namespace {

// Each order's waybill for a shipment: what left the warehouse for it, at its lines' prices
// (a line picked short counts in proportion).
QList<Document> waybills(const QSqlDatabase &tx, const PickList &list, const QString &number, qint64 now)
{
    OrderRepository orders(tx);
    QList<Document> documents;
    for (const Id &orderId : list.orderIds) {
        const auto stored = orders.find(orderId);
        if (!stored)
            continue;
        Document waybill;
        waybill.id = Id::createUuid();
        waybill.kind = DocumentKind::Waybill;
        waybill.number = number;
        waybill.date = utcFromMsecs(now).date();
        waybill.amount = Money::zero(stored->order.totals.total.currency());
        waybill.customerId = stored->order.customerId;
        waybill.orderId = orderId;
        for (const auto &line : list.lines) {
            if (line.orderId != orderId || !line.picked.isPositive())
                continue;
            for (const OrderLine &ordered : stored->order.lines) {
                if (ordered.lineNo == line.lineNo && ordered.quantity.milli() > 0)
                    waybill.amount += ordered.total.mulDiv(
                        std::min(line.picked.milli(), ordered.quantity.milli()), ordered.quantity.milli());
            }
        }
        documents.append(waybill);
    }
    return documents;
}

} // namespace

PickListService::Reply PickListService::ship(const Caller &caller, const Id &listId, const QByteArray &body)
{
    const auto request = in::terminalWrite(body, QStringLiteral("ship"));
    const QJsonObject &json = request.json;
    const QString carrier = in::text(json, QStringLiteral("carrier"), QStringLiteral("$.carrier"), false);
    const QString tracking = in::text(json, QStringLiteral("tracking"), QStringLiteral("$.tracking"), false);
    return changeList(
        caller, listId, request,
        [&](QSqlDatabase &tx, PickListRepository &lists, const PickList &list, qint64 now, FeedBatch &feed) {
            requireStatus(list, {pickstatus::Picked, pickstatus::Packed}, QStringLiteral("shipped"));
            const Id user = Id::fromString(caller.userId);
            StockLedger ledger(tx, now, user);
            QList<std::pair<Id, Id>> keys;
            for (const auto &line : list.lines)
                keys.append({line.productId, list.warehouseId});
            for (const Id &orderId : list.orderIds) {
                for (const auto &r : ledger.reservations(orderId))
                    keys.append({r.productId, r.warehouseId});
            }
            ledger.lockAll(keys);

            Shipment shipment;
            shipment.id = Id::createUuid();
            shipment.number = lists.nextNumber(QStringLiteral("shipment_number"), QStringLiteral("SH-"));
            shipment.shippedAt = now;
            shipment.carrier = carrier;
            shipment.tracking = tracking;
            const MovementRef ref {{}, listId, {}, QStringLiteral("shipment %1").arg(shipment.number)};
            for (const auto &line : list.lines) {
                if (!line.picked.isPositive())
                    continue;
                MovementRef lineRef = ref;
                lineRef.orderId = line.orderId;
                ledger.ship(line.orderId, line.lineNo, line.productId, list.warehouseId, line.picked,
                            lineRef);
            }
            // Whatever the orders still hold (lines nobody could pick) goes back: a shipped order
            // reserves nothing.
            for (const Id &orderId : list.orderIds)
                ledger.releaseOrder(orderId, QStringLiteral("shipment %1").arg(shipment.number));
            lists.insertShipment(listId, list.warehouseId, shipment, user);
            lists.setStatus(listId, pickstatus::Shipped, now);
            QJsonArray orders;
            for (const Id &orderId : list.orderIds)
                moveOrder(tx, orderId, OrderStatus::Shipped, user,
                          QStringLiteral("shipment %1").arg(shipment.number), now, feed);
            ledger.finish(feed);
            DocumentRepository(tx).upsert(waybills(tx, list, shipment.number, now), feed);
            const auto fresh = lists.find(listId);
            QHash<Id, QString> numbers;
            for (const auto &line : fresh->lines)
                numbers.insert(line.orderId, line.orderNumber);
            for (const Id &orderId : fresh->orderIds)
                orders.append(QJsonObject {{QStringLiteral("id"), idText(orderId)},
                                           {QStringLiteral("number"), numbers.value(orderId)}});
            Quantity weight;
            QJsonArray packages = pickListJson(*fresh).value(QStringLiteral("packages")).toArray();
            for (const auto &p : fresh->packages)
                weight += p.weight;
            const QJsonObject document {{QStringLiteral("id"), idText(shipment.id)},
                                        {QStringLiteral("number"), shipment.number},
                                        {QStringLiteral("shipped_at"), timeText(now)},
                                        {QStringLiteral("carrier"), carrier},
                                        {QStringLiteral("tracking"), tracking},
                                        {QStringLiteral("warehouse_id"), idText(list.warehouseId)},
                                        {QStringLiteral("pick_list_id"), idText(listId)},
                                        {QStringLiteral("orders"), orders},
                                        {QStringLiteral("packages"), packages},
                                        {QStringLiteral("weight"), quantityText(weight)}};
            return QJsonObject {{QStringLiteral("shipment"), document}};
        });
}

PickListService::Reply PickListService::changeList(const Caller &caller, const Id &listId,
                                                   const in::TerminalWrite &request, const ListChange &change)
{
    QStringList audiences;
    const Reply reply = m_services.database.write([&](QSqlDatabase &tx) -> Reply {
        PickListRepository lists(tx);
        const PickList list = lockedList(lists, caller, listId);
        RequestLog log(tx);
        if (const auto answer
            = log.repeat(request.clientId, request.kind, listId, caller.userId, request.hash))
            return Reply {answer->status, answer->body};
        const qint64 now = m_services.now();
        FeedBatch feed;
        QJsonObject answer = change(tx, lists, list, now, feed);
        const auto fresh = lists.find(listId);
        PickListRepository::publish(*fresh, feed);
        answer.insert(QStringLiteral("pick_list"), pickListJson(*fresh));
        const Reply stored {200, compact(answer)};
        log.store(request.clientId, request.kind, listId, caller.userId, request.hash,
                  {stored.status, stored.json}, now);
        feed.append(tx);
        audiences = feed.audiences();
        return stored;
    });
    published(audiences);
    return reply;
}

PickListService::Reply PickListService::putBin(const Caller &caller, const QByteArray &body)
{
    const QJsonObject json = in::object(body);
    const Id warehouseId = in::id(json, QStringLiteral("warehouse_id"), QStringLiteral("$.warehouse_id"));
    const Id productId = in::id(json, QStringLiteral("product_id"), QStringLiteral("$.product_id"));
    const QString bin = in::text(json, QStringLiteral("bin"), QStringLiteral("$.bin"), true, MaxBinLength);

    QStringList audiences;
    const Reply reply = m_services.database.write([&](QSqlDatabase &tx) -> Reply {
        if (!worksIn(caller, warehouseId) || !warehouseExists(tx, warehouseId))
            throw ApiError(ApiErrorCode::Unprocessable, QStringLiteral("No such warehouse"),
                           QStringLiteral("$.warehouse_id"));
        Sql product(tx, QStringLiteral("SELECT 1 FROM products WHERE id = :id"));
        product.bind(QStringLiteral(":id"), idText(productId)).exec();
        if (!product.next())
            throw ApiError(ApiErrorCode::Unprocessable, QStringLiteral("No such product"),
                           QStringLiteral("$.product_id"));
        FeedBatch feed;
        PickListRepository(tx).putBin(productId, warehouseId, bin, feed);
        const QJsonObject entry = PickListRepository::binJson(productId, warehouseId, bin);
        feed.append(tx);
        audiences = feed.audiences();
        return Reply {200, compact({{QStringLiteral("bin"), entry}})};
    });
    published(audiences);
    return reply;
}

} // namespace portico::server
