#pragma once

#include "auth/authsettings.h"
#include "domain/user.h"

#include <QList>
#include <QString>

namespace portico::server {

class BlobStore;

class Database;

// The demo data set of `portico-server demo`: a building-supplies wholesaler with a catalog of
// thousands of products in a three-level group tree, three price types, two warehouses with
// stock, customers with valid tax ids, balances and credit terms, one user per role and a
// history of orders in every state of their lifecycle.
//
// Deterministic: the same options give the same rows, ids included, on every run. Everything
// is written through the repositories, so the change feed carries every row and a client's
// first sync receives the whole data set.
class DemoDataSet final
{
public:
    // The password of every demo user.
    static QString password();

    struct Options
    {
        int productCount = 5000;
        int customerCount = 200; // at least 10
        quint64 seed = 20240917;
        int orderCount = 300;
        qint64 nowMs = 0; // "now" of the order history and stock dates; 0: the current time
        PasswordCost passwordCost = PasswordCost::Interactive;
        // When given, some products get pictures (demo/demopictures.h) in this store.
        BlobStore *pictures = nullptr;
    };

    struct Summary
    {
        int groups = 0;
        int properties = 0;
        int products = 0;
        int barcodes = 0;
        int priceTypes = 0;
        int prices = 0;
        int warehouses = 0;
        int stockLevels = 0;
        int customers = 0;
        int users = 0;
        int orders = 0;
        int documents = 0;
        int pictures = 0;
        qint64 feedChanges = 0;
        qint64 elapsedMs = 0;
    };

    // Writes the data set into a migrated, empty database. Throws std::invalid_argument for
    // options out of range and StorageError when the database refuses a write.
    static Summary generate(Database &database, const Options &options);
    static Summary generate(Database &database) { return generate(database, Options {}); }

    // Whether the database already has a catalog (then `demo` serves it as it is).
    static bool hasCatalog(Database &database);

    // A demo user as stored, for the table `demo` prints at start.
    struct Login
    {
        QString login;
        Role role = Role::Buyer;
        QString displayName;
        QString customerName; // buyers: the customer they buy for
    };
    // The demo users present in the database, in the order of the demo's user list.
    static QList<Login> logins(Database &database);
    // The demo users' logins: admin, manager, rep1, rep2, warehouse1, buyer1, buyer2, exchange.
    static QStringList loginNames();
    // The users as a table for the terminal: login, role, password, and the customer of buyers.
    static QString loginTable(const QList<Login> &logins);
};

} // namespace portico::server
