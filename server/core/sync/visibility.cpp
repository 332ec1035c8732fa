#include "sync/visibility.h"

#include "auth/caller.h"
#include "storage/changefeed.h"
#include "storage/database.h"

#include <QSet>

namespace portico::server {

Visibility Visibility::of(const QSqlDatabase &tx, const Caller &caller)
{
    Visibility v;
    if (caller.role == Role::Exchange)
        return v;
    if (caller.seesAllCustomers()) {
        v.everything = true;
        return v;
    }
    v.audiences << Audience::everyone() << Audience::role(roleToString(caller.role))
                << Audience::user(caller.userId);
    if (caller.role == Role::Warehouse && !caller.warehouseId.isEmpty())
        v.audiences << Audience::warehouse(caller.warehouseId);
    QSet<QString> priceTypes;
    if (caller.role == Role::Buyer && !caller.customerId.isEmpty()) {
        v.audiences << Audience::customer(caller.customerId);
        Sql q(tx, QStringLiteral("SELECT price_type_id FROM customers WHERE id = :id"));
        q.bind(QStringLiteral(":id"), caller.customerId).exec();
        if (q.next() && !q.value(0).isNull())
            priceTypes.insert(q.value(0).toString());
    } else if (caller.role == Role::SalesRep) {
        Sql q(tx, QStringLiteral("SELECT id, price_type_id FROM customers WHERE assigned_rep_id = :rep"));
        q.bind(QStringLiteral(":rep"), caller.userId).exec();
        while (q.next()) {
            v.audiences << Audience::customer(q.value(0).toString());
            if (!q.value(1).isNull())
                priceTypes.insert(q.value(1).toString());
        }
    }
    for (const auto &priceType : std::as_const(priceTypes))
        v.audiences << Audience::priceType(priceType);
    return v;
}

} // namespace portico::server
