#include "demo/democustomers.h"

#include "auth/passwordhasher.h"
#include "auth/userrepository.h"
#include "customers/customerrepository.h"
#include "demo/demonames.h"
#include "rules/taxid.h"
#include "storage/database.h"
#include "sync/feedbatch.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace portico::server {

namespace {

constexpr qint64 Rouble = 100; // kopecks

Money rub(qint64 kopecks)
{
    return Money::fromMinor(kopecks, Currency::rub());
}

struct UserSpec
{
    QStringView login;
    Role role;
    QStringView displayName; // empty: the customer's contact person
};

const std::array<UserSpec, 8> &userSpecs()
{
    static const std::array<UserSpec, 8> specs {{
        {u"admin", Role::Admin, u"Администратор системы"},
        {u"manager", Role::Manager, u"Смирнова Ольга Викторовна"},
        {u"rep1", Role::SalesRep, u"Кузнецов Андрей Сергеевич"},
        {u"rep2", Role::SalesRep, u"Волкова Марина Игоревна"},
        {u"warehouse1", Role::Warehouse, u"Петров Николай Юрьевич"},
        {u"buyer1", Role::Buyer, {}},
        {u"buyer2", Role::Buyer, {}},
        {u"exchange", Role::Exchange, u"1С: обмен с сайтом"},
    }};
    return specs;
}

Address address(AddressKind kind, DemoRandom &random, const DemoCity &city, QStringView suffix)
{
    const QString postal = QString::number(random.between(city.postalFrom, city.postalTo));
    QString text = postal + QStringLiteral(", ") + city.name.toString() + QStringLiteral(", ")
        + DemoNames::streetAddress(random);
    if (!suffix.isEmpty())
        text += QStringLiteral(", ") + suffix.toString();
    return {kind, text, postal};
}

// One Argon2id hash of the demo password per user, each with its own salt. Hashing is slow on
// purpose, so it runs on the machine's cores, before the write lock is taken.
QStringList passwordHashes(qsizetype count, PasswordCost cost)
{
    const PasswordHasher hasher(cost);
    std::vector<QString> hashes(static_cast<std::size_t>(count));
    std::atomic<std::size_t> next {0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    const auto work = [&] {
        try {
            for (std::size_t i = next++; i < hashes.size(); i = next++)
                hashes[i] = hasher.hash(DemoDataSet::password());
        } catch (...) {
            const std::lock_guard lock(failureMutex);
            failure = std::current_exception();
        }
    };
    const unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1U, 4U);
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w)
        threads.emplace_back(work);
    work();
    for (std::thread &thread : threads)
        thread.join();
    if (failure)
        std::rethrow_exception(failure);
    return QStringList(hashes.cbegin(), hashes.cend());
}

} // namespace

DemoCustomers::DemoCustomers(const DemoSeed &seed, const DemoCatalog &catalog)
    : m_seed(seed)
    , m_catalog(catalog)
    , m_random(seed.random(2))
{
    m_users = {m_seed.id(u"user", 0), m_seed.id(u"user", 1), m_seed.id(u"user", 2), m_seed.id(u"user", 3),
               m_seed.id(u"user", 4), m_seed.id(u"user", 5), m_seed.id(u"user", 6), m_seed.id(u"user", 7)};
}

QStringList DemoCustomers::loginNames()
{
    QStringList names;
    for (const UserSpec &spec : userSpecs())
        names.append(spec.login.toString());
    return names;
}

void DemoCustomers::write(Database &database, int customerCount, PasswordCost passwordCost, qint64 nowMs,
                          DemoDataSet::Summary &summary)
{
    buildCustomers(customerCount);
    const QList<User> users = buildUsers();
    const QStringList hashes = passwordHashes(users.size(), passwordCost);

    QList<Customer> customers;
    QList<CustomerBalance> balances;
    for (const DemoCustomer &demo : m_customers) {
        customers.append(demo.customer);
        balances.append(demo.balance);
    }
    database.write([&](QSqlDatabase &tx) {
        FeedBatch feed;
        CustomerRepository repository(tx);
        repository.upsert(customers, feed);
        repository.setBalances(balances, feed);
        UserRepository userRepository(tx);
        for (qsizetype i = 0; i < users.size(); ++i) {
            if (!userRepository.create(users.at(i), hashes.at(i), nowMs))
                throw StorageError(
                    QStringLiteral("the demo user %1 exists already; the demo needs an empty database")
                        .arg(users.at(i).login));
        }
        feed.append(tx);
        summary.feedChanges += feed.size();
    });
    summary.customers = static_cast<int>(customers.size());
    summary.users = static_cast<int>(users.size());
}

void DemoCustomers::buildCustomers(int count)
{
    m_customers.clear();
    m_customers.reserve(static_cast<std::size_t>(count));
    int companyIndex = 0;
    for (int i = 0; i < count; ++i)
        m_customers.push_back(buildCustomer(i, companyIndex));
    assignRepsAndBlocks();
    for (DemoCustomer &demo : m_customers)
        buildBalance(demo);
    m_customers[0].buyerId = m_users.buyer1;
    m_customers[1].buyerId = m_users.buyer2;
}

DemoCustomer DemoCustomers::buildCustomer(int index, int &companyIndex)
{
    enum class Form { Ooo, Ao, Ip };
    Form form = Form::Ooo;
    if (index >= 2) {
        const int roll = m_random.between(0, 99);
        form = roll < 18 ? Form::Ip : roll < 26 ? Form::Ao : Form::Ooo;
    }
    const auto innSeed = (m_seed.value() + static_cast<quint64>(index)) % 100000;
    DemoCustomer demo;
    Customer &c = demo.customer;
    c.id = m_seed.id(u"customer", index);
    c.externalId = m_seed.externalId(u"customer", index);
    c.inn = rules::generateInn(innSeed,
                               form == Form::Ip ? rules::InnKind::Individual : rules::InnKind::LegalEntity);
    const DemoCity &city = DemoNames::cityOfTaxOffice(QStringView(c.inn).left(4));
    if (city.name == DemoNames::saintPetersburg().name)
        demo.warehouse = DemoCatalog::SaintPetersburg;

    const DemoPerson contact = DemoNames::person(m_random);
    QString domain;
    if (form == Form::Ip) {
        c.kpp.clear();
        const DemoPerson owner = DemoNames::person(m_random);
        c.legalName = QStringLiteral(u"ИП ") + owner.shortName();
        c.name = c.legalName;
        c.addresses.append(
            address(AddressKind::Legal, m_random, city,
                    QString(QStringLiteral(u"кв. ") + QString::number(m_random.between(1, 240)))));
        static const std::array<QStringView, 4> mailHosts {u"mail.ru", u"yandex.ru", u"bk.ru", u"list.ru"};
        domain = m_random.pick(mailHosts).toString();
        const QString mobileCode = QStringLiteral("9") + QString::number(m_random.between(10, 99));
        c.contacts.append(Contact {
            owner.fullName(), DemoNames::phone(m_random, mobileCode),
            DemoNames::transliterate(owner.surname) + QLatin1Char('.')
                + DemoNames::transliterate(QString(owner.firstName.left(1) + owner.patronymic.left(1)))
                + QLatin1Char('@') + domain});
    } else {
        c.kpp = rules::kppForInn(c.inn, index % 7 == 3 ? 2 : 1);
        QString company = DemoNames::companyName(companyIndex);
        if (companyIndex >= DemoNames::companyNameCount())
            company += QLatin1Char('-') + QString::number(companyIndex / DemoNames::companyNameCount() + 1);
        ++companyIndex;
        c.name = company;
        c.legalName = (form == Form::Ao ? QStringLiteral(u"АО «") : QStringLiteral(u"ООО «")) + company
            + QStringLiteral(u"»");
        c.addresses.append(
            address(AddressKind::Legal, m_random, city,
                    QString(QStringLiteral(u"офис ") + QString::number(m_random.between(1, 520)))));
        domain = DemoNames::transliterate(company) + QStringLiteral(".ru");
        static const std::array<QStringView, 4> mailboxes {u"zakaz", u"snab", u"info", u"zakupki"};
        const QString mailbox = m_random.chance(50) ? m_random.pick(mailboxes).toString()
                                                    : DemoNames::transliterate(contact.firstName.left(1))
                + QLatin1Char('.') + DemoNames::transliterate(contact.surname);
        c.contacts.append({contact.fullName(), DemoNames::phone(m_random, city.phoneCode),
                           mailbox + QLatin1Char('@') + domain});
        if (m_random.chance(50))
            c.contacts.append({QStringLiteral(u"Бухгалтерия"), DemoNames::phone(m_random, city.phoneCode),
                               QStringLiteral("buh@") + domain});
    }
    if (m_random.chance(70))
        c.addresses.append(address(AddressKind::Delivery, m_random, city, u"склад"));
    if (m_random.chance(15))
        c.addresses.append(address(AddressKind::Delivery, m_random, city, u"строительная площадка"));

    static const std::array<BasisPoints, 6> discounts {100, 200, 300, 500, 700, 1000};
    static const std::array<qint64, 9> limits {100000,  200000,  300000,  500000, 750000,
                                               1000000, 1500000, 2000000, 3000000};
    static const std::array<int, 6> terms {7, 14, 21, 30, 45, 60};
    if (index == 0) {
        c.priceTypeId = m_catalog.priceTypes().at(DemoCatalog::Wholesale).id;
        c.discount = 300;
        c.creditLimit = rub(500000 * Rouble);
        c.creditLimitSet = true;
        c.paymentTermsDays = 14;
        return demo;
    }
    if (index == 1) {
        c.priceTypeId = m_catalog.priceTypes().at(DemoCatalog::Dealer).id;
        c.discount = 500;
        c.creditLimit = rub(1500000 * Rouble);
        c.creditLimitSet = true;
        c.paymentTermsDays = 30;
        return demo;
    }
    const int priceRoll = m_random.between(0, 99);
    c.priceTypeId = m_catalog.priceTypes()
                        .at(priceRoll < 15       ? DemoCatalog::Retail
                                : priceRoll < 40 ? DemoCatalog::Dealer
                                                 : DemoCatalog::Wholesale)
                        .id;
    c.discount = m_random.chance(50) ? 0 : m_random.pick(discounts);
    const int creditRoll = m_random.between(0, 99);
    if (creditRoll < 25) {
        c.creditLimit = rub(0);
        c.paymentTermsDays = m_random.chance(50) ? 0 : 7;
    } else if (creditRoll < 31) {
        c.creditLimit = rub(0);
        c.creditLimitSet = true;
    } else {
        c.creditLimit = rub(m_random.pick(limits) * Rouble);
        c.creditLimitSet = true;
        c.paymentTermsDays = m_random.pick(terms);
    }
    return demo;
}

void DemoCustomers::assignRepsAndBlocks()
{
    const int count = static_cast<int>(m_customers.size());
    std::vector<int> order;
    for (int i = 2; i < count; ++i)
        order.push_back(i);
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[static_cast<std::size_t>(m_random.index(static_cast<qsizetype>(i)))]);
    const auto rep1Count = static_cast<std::size_t>(std::max(2, count / 5) - 2);
    const auto rep2Count = static_cast<std::size_t>(count / 4);
    m_customers[0].customer.assignedRepId = m_users.rep1;
    m_customers[1].customer.assignedRepId = m_users.rep1;
    for (std::size_t i = 0; i < order.size(); ++i) {
        Customer &c = m_customers[static_cast<std::size_t>(order[i])].customer;
        if (i < rep1Count)
            c.assignedRepId = m_users.rep1;
        else if (i < rep1Count + rep2Count)
            c.assignedRepId = m_users.rep2;
    }
    // One blocked customer of rep1's (so that the rep sees one), the others elsewhere.
    const std::size_t blocked = count >= 100 ? 3 : 2;
    std::vector<std::size_t> picks {rep1Count > 0 ? std::size_t {0} : order.size() - 1};
    for (std::size_t k = 1; k < blocked && k < order.size(); ++k)
        picks.push_back(order.size() - k);
    for (const std::size_t pick : picks)
        m_customers[static_cast<std::size_t>(order[pick])].customer.blocked = true;
}

void DemoCustomers::buildBalance(DemoCustomer &demo)
{
    const Customer &c = demo.customer;
    qint64 balance = 0;
    qint64 overdue = 0;
    const qint64 limit = c.creditLimit.minor();
    const qint64 kopecks = m_random.between(qint64 {0}, qint64 {99});
    if (c.id == m_seed.id(u"customer", 0) || c.id == m_seed.id(u"customer", 1)) {
        balance = limit / 5 + kopecks;
    } else if (c.blocked) {
        const qint64 base = c.creditLimitSet && limit > 0 ? limit : 400000 * Rouble;
        balance = base * m_random.between(qint64 {80}, qint64 {120}) / 100 + kopecks;
        overdue = balance * m_random.between(qint64 {40}, qint64 {70}) / 100;
    } else if (c.creditLimitSet && limit > 0) {
        balance = limit * m_random.between(qint64 {0}, qint64 {70}) / 100 + kopecks;
        if (m_random.chance(15))
            overdue = balance * m_random.between(qint64 {10}, qint64 {40}) / 100;
    } else if (c.creditLimitSet) {
        if (m_random.chance(30))
            balance = -m_random.between(qint64 {5000}, qint64 {50000}) * Rouble;
    } else if (m_random.chance(60)) {
        balance = m_random.between(qint64 {1000}, qint64 {300000}) * Rouble + kopecks;
        if (m_random.chance(10))
            overdue = balance * m_random.between(qint64 {5}, qint64 {30}) / 100;
    }
    demo.balance = {c.id, rub(balance), rub(overdue)};
}

QList<User> DemoCustomers::buildUsers() const
{
    const std::array<Id, 8> ids {m_users.admin,     m_users.manager, m_users.rep1,   m_users.rep2,
                                 m_users.warehouse, m_users.buyer1,  m_users.buyer2, m_users.exchange};
    QList<User> users;
    for (std::size_t i = 0; i < userSpecs().size(); ++i) {
        const UserSpec &spec = userSpecs()[i];
        User user;
        user.id = ids[i];
        user.login = spec.login.toString();
        user.role = spec.role;
        user.displayName = spec.displayName.toString();
        if (spec.role == Role::Buyer) {
            const Customer &customer = m_customers[user.id == m_users.buyer1 ? 0 : 1].customer;
            user.customerId = customer.id;
            user.displayName = customer.contacts.front().name;
        }
        if (spec.role == Role::Warehouse)
            user.warehouseId = m_catalog.warehouses().at(DemoCatalog::Moscow).id;
        users.append(user);
    }
    return users;
}

} // namespace portico::server
