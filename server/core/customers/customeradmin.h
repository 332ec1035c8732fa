#pragma once

#include "domain/customer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <optional>

namespace portico::server {

struct Services;

// Customers as managers and admins maintain them: create, edit, assign the sales rep and the
// price type, block. A change of rep or price type re-sequences the customer's feed rows (and
// the new price type's prices) so that whoever now may see them receives them on the next pull.
class CustomerAdmin final
{
public:
    using Published = std::function<void(const QStringList &audiences)>;
    CustomerAdmin(Services &services, Published published);

    QJsonArray list(const QString &search, int limit, int offset);
    QJsonObject get(const Id &id);
    // Throws ApiError: 400 malformed, 409 duplicate id, 422 invalid INN/KPP, unknown price
    // type or rep.
    QJsonObject create(const QJsonObject &body);
    // A partial update: keys left out stay as they are.
    QJsonObject update(const Id &id, const QJsonObject &body);

private:
    void validate(const QSqlDatabase &tx, const Customer &customer) const;
    QJsonObject save(const QSqlDatabase &tx, const Customer &customer, const std::optional<Customer> &before,
                     QStringList &audiences);

    Services &m_services;
    Published m_published;
};

} // namespace portico::server
