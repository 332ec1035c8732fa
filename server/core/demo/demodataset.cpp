#include "demo/demodataset.h"

#include "auth/userrepository.h"
#include "customers/customerrepository.h"
#include "demo/democatalog.h"
#include "demo/democustomers.h"
#include "demo/demoorders.h"
#include "demo/demopictures.h"
#include "demo/demoseed.h"
#include "demo/demowarehouse.h"
#include "storage/database.h"

#include <QDateTime>
#include <QElapsedTimer>

#include <stdexcept>

namespace portico::server {

QString DemoDataSet::password()
{
    return QStringLiteral("demo");
}

DemoDataSet::Summary DemoDataSet::generate(Database &database, const Options &options)
{
    if (options.productCount < 1 || options.productCount > 10000000)
        throw std::invalid_argument("the demo needs between 1 and 10,000,000 products");
    if (options.customerCount < 10 || options.customerCount > 100000)
        throw std::invalid_argument("the demo needs between 10 and 100,000 customers");
    if (options.orderCount < 0 || options.orderCount > 1000000)
        throw std::invalid_argument("the demo takes between 0 and 1,000,000 orders");
    QElapsedTimer timer;
    timer.start();
    const qint64 now = options.nowMs > 0 ? options.nowMs : QDateTime::currentMSecsSinceEpoch();
    const DemoSeed seed(options.seed);
    Summary summary;
    DemoCatalog catalog(seed, now);
    catalog.write(database, options.productCount, summary);
    if (options.pictures)
        summary.pictures = DemoPictures::write(database, *options.pictures, seed, options.productCount);
    DemoCustomers customers(seed, catalog);
    customers.write(database, options.customerCount, options.passwordCost, now, summary);
    DemoOrders orders(seed, now, catalog, customers);
    orders.write(database, options.orderCount, summary);
    DemoWarehouse(catalog).write(database, now);
    summary.elapsedMs = timer.elapsed();
    return summary;
}

bool DemoDataSet::hasCatalog(Database &database)
{
    return database.read([](QSqlDatabase &tx) {
        Sql any(tx, QStringLiteral("SELECT 1 FROM products LIMIT 1"));
        any.exec();
        return any.next();
    });
}

QStringList DemoDataSet::loginNames()
{
    return DemoCustomers::loginNames();
}

QList<DemoDataSet::Login> DemoDataSet::logins(Database &database)
{
    return database.read([](QSqlDatabase &tx) {
        QList<Login> result;
        const UserRepository users(tx);
        const CustomerRepository customers(tx);
        for (const QString &name : loginNames()) {
            const std::optional<StoredUser> stored = users.findByLogin(name);
            if (!stored)
                continue;
            Login login {stored->user.login, stored->user.role, stored->user.displayName, {}};
            if (!stored->user.customerId.isNull()) {
                if (const auto customer = customers.customer(stored->user.customerId))
                    login.customerName = customer->legalName;
            }
            result.append(login);
        }
        return result;
    });
}

QString DemoDataSet::loginTable(const QList<Login> &logins)
{
    const auto row = [](const QString &login, const QString &role, const QString &password,
                        const QString &customer) -> QString {
        QString text = QStringLiteral("  ") + login.leftJustified(12) + role.leftJustified(11)
            + password.leftJustified(10) + customer;
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        return text + QLatin1Char('\n');
    };
    QString table = QStringLiteral("Demo users:\n")
        + row(QStringLiteral("login"), QStringLiteral("role"), QStringLiteral("password"),
              QStringLiteral("customer"));
    for (const Login &login : logins)
        table += row(login.login, roleToString(login.role), password(), login.customerName);
    return table;
}

} // namespace portico::server
