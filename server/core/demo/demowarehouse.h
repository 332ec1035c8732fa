#pragma once

#include <QString>

namespace portico::server {

class Database;
class DemoCatalog;

// The demo's warehouses as the warehouse block keeps them: a bin for every product each
// warehouse stocks ("A-01-01": aisle, rack, shelf), and the stock of every open order reserved
// (journalled like any reservation), so that the exported orders wait on warehouse1's pick
// list screen and the reserved quantities are the orders' own.
class DemoWarehouse final
{
public:
    explicit DemoWarehouse(const DemoCatalog &catalog);

    // Returns how many orders hold reservations.
    int write(Database &database, qint64 nowMs);

    // The bin of the n-th product of a warehouse's stock.
    static QString binFor(int n);

private:
    const DemoCatalog &m_catalog;
};

} // namespace portico::server
