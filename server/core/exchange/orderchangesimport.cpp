#include "exchange/orderchangesimport.h"

#include "catalog/catalogrepository.h"
#include "customers/customerrepository.h"
#include "documents/documentrepository.h"
#include "orders/orderrepository.h"
#include "orders/orderservice.h"
#include "storage/changefeed.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"
#include "warehouse/orderreservations.h"
#include "warehouse/stockledger.h"

#include <QHash>
#include <QQueue>

namespace portico::server {

namespace {

bool isTrue(const QString &text)
{
    return text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || text == QLatin1String("1")
        || text.compare(u"да", Qt::CaseInsensitive) == 0;
}

// 1C's status names (УТ, УНФ, the Bitrix exchange module) and Portico's own wire names.
std::optional<OrderStatus> statusFrom(const QString &name)
{
    const QString text = name.trimmed().toLower();
    if (text.isEmpty())
        return std::nullopt;
    if (const auto own = orderStatusFromString(text))
        return own;
    static const QList<std::pair<QString, OrderStatus>> names {
        {QStringLiteral("отмен"), OrderStatus::Cancelled},
        {QStringLiteral("выполнен"), OrderStatus::Completed},
        {QStringLiteral("закрыт"), OrderStatus::Completed},
        {QStringLiteral("заверш"), OrderStatus::Completed},
        {QStringLiteral("доставлен"), OrderStatus::Delivered},
        {QStringLiteral("отгружен"), OrderStatus::Shipped},
        {QStringLiteral("собран"), OrderStatus::Picked},
        {QStringLiteral("сборк"), OrderStatus::Picking},
        {QStringLiteral("производств"), OrderStatus::InProduction},
        {QStringLiteral("к выполнению"), OrderStatus::Exported},
        {QStringLiteral("к обеспечению"), OrderStatus::Exported},
        {QStringLiteral("к отгрузке"), OrderStatus::Exported},
    };
    for (const auto &[prefix, status] : names) {
        if (text.contains(prefix))
            return status;
    }
    return std::nullopt;
}

// The shortest path of allowed transitions from `from` to `to`; empty when there is none.
QList<OrderStatus> pathTo(OrderStatus from, OrderStatus to)
{
    QHash<OrderStatus, OrderStatus> cameFrom;
    QQueue<OrderStatus> queue;
    queue.enqueue(from);
    cameFrom.insert(from, from);
    while (!queue.isEmpty()) {
        const OrderStatus at = queue.dequeue();
        if (at == to)
            break;
        for (const OrderStatus next : allowedTransitions(at)) {
            if (!cameFrom.contains(next)) {
                cameFrom.insert(next, at);
                queue.enqueue(next);
            }
        }
    }
    if (!cameFrom.contains(to) || from == to)
        return {};
    QList<OrderStatus> path;
    for (OrderStatus at = to; at != from; at = cameFrom.value(at))
        path.prepend(at);
    return path;
}

// A date as 1C writes it in a requisite: "2026-11-30", "2026-11-30T12:00:00",
// "2026-11-30 12:00:00" or "30.11.2026 12:00:00".
QDate dateFrom1C(const QString &text)
{
    const QString head = text.trimmed().left(10);
    for (const QString &format : {QStringLiteral("yyyy-MM-dd"), QStringLiteral("dd.MM.yyyy")}) {
        const QDate date = QDate::fromString(head, format);
        if (date.isValid())
            return date;
    }
    return {};
}

// 1C's payment and shipment of an order, as its requisites report them, become the order's
// documents: one of each kind per order, updated when 1C reports it differently. Whether any
// changed.
bool recordDocuments(const QSqlDatabase &tx, const Order &order, const QHash<QString, QString> &requisites,
                     qint64 now, FeedBatch &feed)
{
    const auto req = [&](const char16_t *name) {
        return requisites.value(QString::fromUtf16(name).toLower());
    };
    const auto firstOf = [](const QString &a, const QString &b) {
        return a.isEmpty() ? b : a;
    };
    struct Reported
    {
        DocumentKind kind;
        QLatin1StringView key;
        QString number;
        QString date;
    };
    const Reported reported[] {
        {DocumentKind::Payment, QLatin1StringView("payment"), req(u"Номер оплаты по 1С"),
         firstOf(req(u"Дата оплаты по 1С"), req(u"Дата оплаты"))},
        {DocumentKind::Waybill, QLatin1StringView("shipment"), req(u"Номер отгрузки по 1С"),
         req(u"Дата отгрузки по 1С")},
    };
    DocumentRepository documents(tx);
    QList<Document> changed;
    for (const Reported &r : reported) {
        if (r.number.isEmpty() && r.date.isEmpty())
            continue;
        Document d;
        d.externalId = QStringLiteral("1c:") + r.key + QLatin1Char(':') + idText(order.id);
        d.kind = r.kind;
        d.number = r.number;
        d.date = dateFrom1C(r.date);
        if (!d.date.isValid())
            d.date = utcFromMsecs(now).date();
        d.amount = order.totals.total;
        d.customerId = order.customerId;
        d.orderId = order.id;
        const std::optional<Document> stored = documents.findExternal(d.externalId);
        d.id = stored ? stored->id : Id::createUuid();
        if (stored && *stored == d)
            continue;
        changed.append(d);
    }
    documents.upsert(changed, feed);
    return !changed.isEmpty();
}

} // namespace

bool OrderChangesImport::apply(const CmlDocument &document)
{
    if (!document.operation.isEmpty() && document.operation != u"Заказ товара") {
        m_counts.warn(QStringLiteral("document %1: %2 is not an order").arg(document.id, document.operation));
        return false;
    }
    OrderRepository orders(m_tx);
    std::optional<Id> id;
    if (const Id uuid = Id::fromString(document.id); !uuid.isNull() && orders.find(uuid))
        id = uuid;
    QHash<QString, QString> requisites;
    for (const auto &[name, value] : document.requisites)
        requisites.insert(name.trimmed().toLower(), value.trimmed());
    if (!id) {
        for (const QString &number : {document.number, requisites.value(QStringLiteral("номер по сайту")),
                                      requisites.value(QStringLiteral("номер заказа на сайте"))}) {
            if (!number.isEmpty() && (id = orders.idForNumber(number)))
                break;
        }
    }
    auto stored = id ? orders.find(*id) : std::nullopt;
    if (!stored) {
        m_counts.warn(QStringLiteral("document %1 (№%2) is for an order Portico does not have")
                          .arg(document.id, document.number));
        return false;
    }
    const auto req = [&](const char16_t *name) {
        return requisites.value(QString::fromUtf16(name).toLower());
    };

    QString number1c = req(u"Номер по 1С");
    if (number1c.isEmpty() && document.number != stored->order.number)
        number1c = document.number;
    const QString date1c = req(u"Дата по 1С").isEmpty() ? document.date : req(u"Дата по 1С");
    const bool posted = isTrue(req(u"Проведен"));
    const bool deleted = document.deleted || isTrue(req(u"ПометкаУдаления")) || isTrue(req(u"Отменен"));
    const bool paid = isTrue(req(u"Заказ оплачен")) || !req(u"Дата оплаты по 1С").isEmpty()
        || !req(u"Номер оплаты по 1С").isEmpty();
    const bool shipped = isTrue(req(u"Отгружен")) || !req(u"Дата отгрузки по 1С").isEmpty()
        || !req(u"Номер отгрузки по 1С").isEmpty();
    const bool final = isTrue(req(u"Финальный статус"));

    std::optional<OrderStatus> target;
    // Posted and shipped only say the order got at least that far: 1C sends them again with
    // every exchange, also for an order that has moved on since.
    bool atLeast = false;
    if (deleted) {
        target = OrderStatus::Cancelled;
    } else if (const auto named = statusFrom(req(u"Статус заказа"))) {
        target = named;
    } else if (final) {
        target = OrderStatus::Completed;
    } else if (shipped) {
        target = OrderStatus::Shipped;
        atLeast = true;
    } else if (posted) {
        target = OrderStatus::Exported;
        atLeast = true;
    }

    QStringList facts;
    if (!number1c.isEmpty())
        facts << QStringLiteral("№%1 of %2").arg(number1c, date1c);
    if (posted)
        facts << QStringLiteral("posted");
    if (paid)
        facts << QStringLiteral("paid")
                + (req(u"Номер оплаты по 1С").isEmpty()
                       ? QString()
                       : QStringLiteral(" (%1)").arg(req(u"Номер оплаты по 1С")));
    if (shipped)
        facts << QStringLiteral("shipped");
    if (deleted)
        facts << QStringLiteral("marked for deletion");
    const QString reason = QStringLiteral("1C: ") + facts.join(QStringLiteral(", "));

    bool changed = false;
    if (!number1c.isEmpty() && stored->order.externalId != number1c) {
        orders.setExternalId(stored->order.id, number1c, m_now);
        stored->order.externalId = number1c;
        changed = true;
    }
    if (target && *target != stored->order.status) {
        QList<OrderStatus> path;
        // 1C has the order: one it reports further along passes through exported.
        if (*target != OrderStatus::Cancelled && *target != OrderStatus::Exported
            && canTransition(stored->order.status, OrderStatus::Exported)) {
            if (const QList<OrderStatus> rest = pathTo(OrderStatus::Exported, *target); !rest.isEmpty())
                path = QList<OrderStatus> {OrderStatus::Exported} + rest;
        }
        if (path.isEmpty())
            path = pathTo(stored->order.status, *target);
        if (path.isEmpty() && !atLeast)
            m_counts.warn(QStringLiteral("order %1: 1C says %2, which cannot follow %3")
                              .arg(stored->order.number, orderStatusToString(*target),
                                   orderStatusToString(stored->order.status)));
        StockLedger ledger(m_tx, m_now, m_byUser);
        for (const OrderStatus step : path) {
            OrderReservations::onTransition(m_tx, stored->order, stored->order.status, step, m_policy, ledger,
                                            m_feed, m_now);
            const StatusChange change {stored->order.status, step, utcFromMsecs(m_now), m_byUser, reason};
            orders.recordStatus(stored->order.id, change, m_now);
            stored->order.history.append(change);
            stored->order.status = step;
            changed = true;
        }
        ledger.finish(m_feed);
    }
    if (recordDocuments(m_tx, stored->order, requisites, m_now, m_feed))
        changed = true;
    if (!changed)
        return false;
    m_feed.upsert(entity::Order, idText(stored->order.id),
                  Audience::customer(idText(stored->order.customerId)), OrderService::orderJson(*stored));
    CustomerRepository(m_tx).republish({stored->order.customerId}, m_feed);
    return true;
}

} // namespace portico::server
