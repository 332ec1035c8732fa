#pragma once

#include "cache/catalogqueries.h"

#include <QObject>

namespace portico::client {

// The customer the user is ordering for. A buyer's is fixed to their own customer; a sales rep
// or a manager chooses one, and the catalog's prices, the cart's pricing and the credit warning
// follow the choice.
class CustomerContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomerContext)

public:
    explicit CustomerContext(QObject *parent = nullptr);
    ~CustomerContext() override;

    bool hasCustomer() const noexcept { return !m_customer.id.isNull(); }
    // The chosen customer as the cache last had it; an empty row (null id) when none is chosen.
    const CustomerRow &customer() const noexcept { return m_customer; }
    Id customerId() const { return m_customer.id; }
    Id priceTypeId() const { return m_customer.priceTypeId; }

    // A buyer cannot choose: setCustomer() with another id is refused (returns false).
    bool isFixed() const noexcept { return m_fixed; }
    void setFixed(bool fixed) { m_fixed = fixed; }

    // Chooses a customer, or refreshes the chosen one's row (credit, price type) after a sync.
    // changed() follows when anything differs.
    bool setCustomer(const CustomerRow &customer);
    void clear();

Q_SIGNALS:
    void changed();

private:
    CustomerRow m_customer;
    bool m_fixed = false;
};

} // namespace portico::client
