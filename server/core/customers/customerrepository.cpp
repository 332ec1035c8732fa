#include "customers/customerrepository.h"

#include "auth/caller.h"
#include "catalog/catalogrepository.h"
#include "protocol/codecs.h"
#include "storage/changefeed.h"
#include "storage/database.h"
#include "storage/sqlvalues.h"
#include "sync/feedbatch.h"

#include <QJsonObject>

namespace portico::server {

namespace {

const QString Columns = QStringLiteral(
    "id, external_id, name, legal_name, inn, kpp, price_type_id, discount_bp, currency, credit_limit_minor, "
    "payment_terms_days, assigned_rep_id, blocked, addresses_json, contacts_json");

Customer customerFrom(const Sql &q)
{
    Customer c;
    c.id = idFrom(q.value(0));
    c.externalId = q.value(1).toString();
    c.name = q.value(2).toString();
    c.legalName = q.value(3).toString();
    c.inn = q.value(4).toString();
    c.kpp = q.value(5).toString();
    c.priceTypeId = idFrom(q.value(6));
    c.discount = q.value(7).toInt();
    const Currency currency = Currency::fromCode(q.value(8).toString()).value_or(Currency::rub());
    c.creditLimitSet = !q.value(9).isNull();
    c.creditLimit = Money::fromMinor(q.value(9).toLongLong(), currency);
    c.paymentTermsDays = q.value(10).toInt();
    c.assignedRepId = idFrom(q.value(11));
    c.blocked = q.value(12).toBool();
    const auto addresses = jsonArrayFrom(q.value(13));
    for (const auto &item : addresses) {
        const auto o = item.toObject();
        c.addresses.append({protocol::addressKindFromString(o.value(QStringLiteral("kind")).toString())
                                .value_or(AddressKind::Delivery),
                            o.value(QStringLiteral("text")).toString(),
                            o.value(QStringLiteral("postal_code")).toString()});
    }
    const auto contacts = jsonArrayFrom(q.value(14));
    for (const auto &item : contacts) {
        const auto o = item.toObject();
        c.contacts.append({o.value(QStringLiteral("name")).toString(),
                           o.value(QStringLiteral("phone")).toString(),
                           o.value(QStringLiteral("email")).toString()});
    }
    return c;
}

// Statuses whose totals count against the credit limit: placed, not yet shipped or closed.
const QString OpenStatuses = QStringLiteral("('submitted','accepted','accepted_with_changes','needs_approval'"
                                            ",'exported','in_production','picking','picked')");

// The total of the open orders of the customer `customerId` names (a parameter or a column).
QString openOrdersSum(const QString &customerId)
{
    return QStringLiteral("SELECT COALESCE(SUM(o.total_minor), 0) FROM orders o WHERE o.customer_id = ")
        + customerId + QStringLiteral(" AND o.status IN ") + OpenStatuses;
}

// Names folded the way users type them: case-insensitive in any script (SQL LOWER() folds
// only ASCII in SQLite), ё as е.
QString foldForSearch(const QString &text)
{
    QString folded = text.toCaseFolded();
    folded.replace(QChar(0x0451), QChar(0x0435));
    return folded;
}

QString searchText(const Customer &c)
{
    return foldForSearch(c.name + QLatin1Char(' ') + c.legalName);
}

} // namespace

void CustomerRepository::upsert(const QList<Customer> &customers, FeedBatch &feed)
{
    Sql q(m_tx,
          QStringLiteral("INSERT INTO customers (") + Columns
              + QStringLiteral(
                  ", search_text) VALUES (:id, :ext, :name, :legal, :inn, :kpp, :pt, :disc, :cur, :limit, "
                  ":terms, :rep, "
                  ":blocked, :addr, :contacts, :search) ON CONFLICT (id) DO UPDATE SET "
                  "external_id = excluded.external_id, name = excluded.name, "
                  "legal_name = excluded.legal_name, inn = excluded.inn, kpp = excluded.kpp, "
                  "price_type_id = excluded.price_type_id, discount_bp = excluded.discount_bp, "
                  "currency = excluded.currency, credit_limit_minor = excluded.credit_limit_minor, "
                  "payment_terms_days = excluded.payment_terms_days, "
                  "assigned_rep_id = excluded.assigned_rep_id, blocked = excluded.blocked, "
                  "addresses_json = excluded.addresses_json, contacts_json = excluded.contacts_json, "
                  "search_text = excluded.search_text, revision = customers.revision + 1"));
    for (const auto &c : customers) {
        const QJsonObject json = protocol::toJson(c);
        const Currency currency
            = c.creditLimit.currency().isValid() ? c.creditLimit.currency() : Currency::rub();
        q.bind(QStringLiteral(":id"), idText(c.id))
            .bind(QStringLiteral(":ext"), textOrNull(c.externalId))
            .bind(QStringLiteral(":name"), c.name)
            .bind(QStringLiteral(":legal"), c.legalName)
            .bind(QStringLiteral(":inn"), c.inn)
            .bind(QStringLiteral(":kpp"), c.kpp)
            .bind(QStringLiteral(":pt"), idValue(c.priceTypeId))
            .bind(QStringLiteral(":disc"), c.discount)
            .bind(QStringLiteral(":cur"), currency.code())
            .bind(QStringLiteral(":limit"),
                  c.creditLimitSet ? QVariant(c.creditLimit.minor())
                                   : QVariant(QMetaType(QMetaType::LongLong)))
            .bind(QStringLiteral(":terms"), c.paymentTermsDays)
            .bind(QStringLiteral(":rep"), idValue(c.assignedRepId))
            .bind(QStringLiteral(":blocked"), c.blocked)
            .bind(QStringLiteral(":addr"), compactJson(json.value(QStringLiteral("addresses")).toArray()))
            .bind(QStringLiteral(":contacts"), compactJson(json.value(QStringLiteral("contacts")).toArray()))
            .bind(QStringLiteral(":search"), searchText(c))
            .exec();
        feed.upsert(entity::Customer, idText(c.id), Audience::customer(idText(c.id)),
                    payload(c, balance(c.id)));
    }
}

void CustomerRepository::setBalances(const QList<CustomerBalance> &balances, FeedBatch &feed)
{
    Sql q(m_tx,
          QStringLiteral("UPDATE customers SET balance_minor = :bal, overdue_minor = :over WHERE id = :id"));
    QList<Id> changed;
    for (const auto &b : balances) {
        q.bind(QStringLiteral(":bal"), b.balance.minor())
            .bind(QStringLiteral(":over"), b.overdueDebt.minor())
            .bind(QStringLiteral(":id"), idText(b.customerId))
            .exec();
        changed.append(b.customerId);
    }
    republish(changed, feed);
}

void CustomerRepository::republish(const QList<Id> &customerIds, FeedBatch &feed)
{
    for (const auto &id : customerIds) {
        if (const auto c = customer(id))
            feed.upsert(entity::Customer, idText(id), Audience::customer(idText(id)),
                        payload(*c, balance(id)));
    }
}

void CustomerRepository::republish(const Customer &customer, QJsonObject customerJson,
                                   const CustomerBalance &balance, Money openOrders, FeedBatch &feed)
{
    feed.upsert(entity::Customer, idText(customer.id), Audience::customer(idText(customer.id)),
                payload(customer, std::move(customerJson), balance, openOrders));
}

QJsonObject CustomerRepository::payload(const Customer &customer, const CustomerBalance &balance) const
{
    return payload(customer, protocol::toJson(customer), balance,
                   openOrdersTotal(customer.id, balance.balance.currency()));
}

QJsonObject CustomerRepository::payload(const Customer &customer, QJsonObject json,
                                        const CustomerBalance &balance, Money openOrders)
{
    const Currency currency = balance.balance.currency();
    const Money open = Money::fromMinor(openOrders.minor(), currency);
    QJsonObject credit {
        {QStringLiteral("currency"), currency.code()},
        {QStringLiteral("balance"), balance.balance.toString()},
        {QStringLiteral("overdue"), balance.overdueDebt.toString()},
        {QStringLiteral("open_orders"), open.toString()},
    };
    if (customer.creditLimitSet) {
        const qint64 available = customer.creditLimit.minor() - balance.balance.minor() - open.minor();
        credit.insert(QStringLiteral("available"), Money::fromMinor(available, currency).toString());
    }
    json.insert(QStringLiteral("credit"), credit);
    return json;
}

std::optional<Customer> CustomerRepository::customer(const Id &id) const
{
    auto found = customerAndRevision(id);
    if (!found)
        return std::nullopt;
    return std::move(found->first);
}

std::optional<std::pair<Customer, qint64>> CustomerRepository::customerAndRevision(const Id &id) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT ") + Columns + QStringLiteral(", revision FROM customers WHERE id = :id"));
    q.bind(QStringLiteral(":id"), idText(id)).exec();
    if (!q.next())
        return std::nullopt;
    return std::pair {customerFrom(q), q.value(QStringLiteral("revision")).toLongLong()};
}

CustomerBalance CustomerRepository::balance(const Id &customerId) const
{
    if (auto found = standing(customerId))
        return found->balance;
    CustomerBalance b;
    b.customerId = customerId;
    b.balance = Money::zero(Currency::rub());
    b.overdueDebt = Money::zero(Currency::rub());
    return b;
}

std::optional<CustomerStanding> CustomerRepository::standing(const Id &id) const
{
    Sql q(m_tx,
          QStringLiteral("SELECT c.revision, c.balance_minor, c.overdue_minor, c.currency, (")
              + openOrdersSum(QStringLiteral("c.id"))
              + QStringLiteral(") FROM customers c WHERE c.id = :id"));
    q.bind(QStringLiteral(":id"), idText(id)).exec();
    if (!q.next())
        return std::nullopt;
    CustomerStanding standing;
    standing.revision = q.value(0).toLongLong();
    standing.openOrdersMinor = q.value(4).toLongLong();
    const Currency currency = Currency::fromCode(q.value(3).toString()).value_or(Currency::rub());
    standing.balance.customerId = id;
    standing.balance.balance = Money::fromMinor(q.value(1).toLongLong(), currency);
    standing.balance.overdueDebt = Money::fromMinor(q.value(2).toLongLong(), currency);
    return standing;
}

Money CustomerRepository::openOrdersTotal(const Id &customerId, Currency currency) const
{
    Sql q(m_tx, openOrdersSum(QStringLiteral(":id")));
    q.bind(QStringLiteral(":id"), idText(customerId)).exec();
    return Money::fromMinor(q.next() ? q.value(0).toLongLong() : 0, currency);
}

QList<Customer> CustomerRepository::list(int limit, int offset, const QString &search) const
{
    QString statement = QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM customers");
    if (!search.isEmpty())
        statement += QStringLiteral(" WHERE search_text LIKE :s1 OR inn LIKE :s2");
    statement += QStringLiteral(" ORDER BY name, id LIMIT :limit OFFSET :offset");
    Sql q(m_tx, statement);
    if (!search.isEmpty()) {
        const QString pattern = QLatin1Char('%') + foldForSearch(search) + QLatin1Char('%');
        q.bind(QStringLiteral(":s1"), pattern).bind(QStringLiteral(":s2"), pattern);
    }
    q.bind(QStringLiteral(":limit"), limit).bind(QStringLiteral(":offset"), offset).exec();
    QList<Customer> result;
    while (q.next())
        result.append(customerFrom(q));
    return result;
}

QList<Id> CustomerRepository::customersOfRep(const Id &repId) const
{
    Sql q(m_tx, QStringLiteral("SELECT id FROM customers WHERE assigned_rep_id = :rep ORDER BY id"));
    q.bind(QStringLiteral(":rep"), idText(repId)).exec();
    QList<Id> ids;
    while (q.next())
        ids.append(idFrom(q.value(0)));
    return ids;
}

bool CustomerRepository::visibleTo(const Caller &caller, const Customer &customer) const
{
    switch (caller.role) {
    case Role::Admin:
    case Role::Manager:
    case Role::Warehouse:
        return true;
    case Role::SalesRep:
        return idText(customer.assignedRepId) == caller.userId;
    case Role::Buyer:
        return idText(customer.id) == caller.customerId;
    case Role::Exchange:
        return false;
    }
    return false;
}

} // namespace portico::server
