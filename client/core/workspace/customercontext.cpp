#include "customercontext.h"

namespace portico::client {

namespace {

bool sameCredit(const std::optional<CustomerCredit> &a, const std::optional<CustomerCredit> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    return a->balance == b->balance && a->overdue == b->overdue && a->openOrders == b->openOrders
        && a->available == b->available;
}

bool sameRow(const CustomerRow &a, const CustomerRow &b)
{
    return a.id == b.id && a.name == b.name && a.legalName == b.legalName && a.inn == b.inn
        && a.priceTypeId == b.priceTypeId && a.discount == b.discount && a.creditLimit == b.creditLimit
        && a.blocked == b.blocked && sameCredit(a.credit, b.credit);
}

} // namespace

CustomerContext::CustomerContext(QObject *parent)
    : QObject(parent)
{ }

CustomerContext::~CustomerContext() = default;

bool CustomerContext::setCustomer(const CustomerRow &customer)
{
    if (m_fixed && hasCustomer() && customer.id != m_customer.id)
        return false;
    if (sameRow(m_customer, customer))
        return true;
    m_customer = customer;
    Q_EMIT changed();
    return true;
}

void CustomerContext::clear()
{
    if (!hasCustomer())
        return;
    m_customer = {};
    m_fixed = false;
    Q_EMIT changed();
}

} // namespace portico::client
