#pragma once

#include "demo/democatalog.h"
#include "demo/demodataset.h"
#include "demo/demoseed.h"
#include "domain/customer.h"
#include "domain/user.h"

#include <QList>

#include <vector>

namespace portico::server {

class Database;

struct DemoCustomer
{
    Customer customer;
    CustomerBalance balance;
    int warehouse = DemoCatalog::Moscow; // the warehouse that ships to it
    Id buyerId; // its buyer among the demo users; null when it has none
};

// The demo users, one per role (two sales reps), as they are stored.
struct DemoUsers
{
    Id admin;
    Id manager;
    Id rep1;
    Id rep2;
    Id warehouse;
    Id buyer1;
    Id buyer2;
    Id exchange;
};

// The demo's customers with their balances, and its users. buyer1 and buyer2 buy for the first
// two customers, both assigned to rep1; rep1 has about a fifth of the customers, rep2 a
// quarter, the office (the manager) the rest.
class DemoCustomers final
{
public:
    DemoCustomers(const DemoSeed &seed, const DemoCatalog &catalog);

    void write(Database &database, int customerCount, PasswordCost passwordCost, qint64 nowMs,
               DemoDataSet::Summary &summary);

    const std::vector<DemoCustomer> &customers() const { return m_customers; }
    const DemoUsers &users() const { return m_users; }

    static QStringList loginNames();

private:
    void buildCustomers(int count);
    DemoCustomer buildCustomer(int index, int &companyIndex);
    void assignRepsAndBlocks();
    void buildBalance(DemoCustomer &demo);
    QList<User> buildUsers() const;

    DemoSeed m_seed;
    const DemoCatalog &m_catalog;
    DemoRandom m_random;
    std::vector<DemoCustomer> m_customers;
    DemoUsers m_users;
};

} // namespace portico::server
