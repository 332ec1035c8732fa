#include "auth/userrepository.h"
#include "storage/database.h"
#include "testdatabase.h"

#include <QTest>

#include <memory>

using namespace portico;
using namespace portico::server;
using portico::test::TestDatabase;

namespace {

constexpr qint64 Start = 1'800'000'000'000;

User makeUser(const QString &login, Role role)
{
    User user;
    user.login = login;
    user.displayName = QStringLiteral("Name of ") + login;
    user.role = role;
    if (role == Role::Buyer)
        user.customerId = QUuid::createUuid();
    if (role == Role::Warehouse)
        user.warehouseId = QUuid::createUuid();
    return user;
}

} // namespace

class TestUserRepository final : public QObject
{
    Q_OBJECT

private:
    template<typename Fn>
    auto write(Fn &&fn)
    {
        return m_db->database().write([&](QSqlDatabase &tx) {
            UserRepository users(tx);
            return fn(users);
        });
    }

    template<typename Fn>
    auto read(Fn &&fn)
    {
        return m_db->database().read([&](QSqlDatabase &tx) {
            UserRepository users(tx);
            return fn(users);
        });
    }

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->create(), qPrintable(m_db->errorString()));
    }

    void cleanup() { m_db.reset(); }

    void createdUsersAreFound_data()
    {
        QTest::addColumn<int>("role");
        QTest::newRow("admin") << int(Role::Admin);
        QTest::newRow("manager") << int(Role::Manager);
        QTest::newRow("sales rep") << int(Role::SalesRep);
        QTest::newRow("warehouse") << int(Role::Warehouse);
        QTest::newRow("buyer") << int(Role::Buyer);
        QTest::newRow("exchange") << int(Role::Exchange);
    }

    void createdUsersAreFound()
    {
        QFETCH(int, role);
        const User user = makeUser(QStringLiteral("someone"), static_cast<Role>(role));
        const auto created = write(
            [&](UserRepository &users) { return users.create(user, QStringLiteral("$hash"), Start); });
        QVERIFY(created);
        QVERIFY(!created->id.isNull());
        QCOMPARE(created->login, user.login);
        const auto byId = read([&](UserRepository &users) { return users.findById(created->id); });
        QVERIFY(byId);
        QCOMPARE(*byId, *created);
        const auto byLogin
            = read([&](UserRepository &users) { return users.findByLogin(QStringLiteral("someone")); });
        QVERIFY(byLogin);
        QCOMPARE(byLogin->user, *created);
        QCOMPARE(byLogin->passwordHash, QStringLiteral("$hash"));
    }

    void loginsAreCaseInsensitive()
    {
        const auto created = write([&](UserRepository &users) {
            return users.create(makeUser(QStringLiteral("  Ivanov.A "), Role::Manager), QStringLiteral("$h"),
                                Start);
        });
        QVERIFY(created);
        QCOMPARE(created->login, QStringLiteral("ivanov.a"));
        QVERIFY(read([](UserRepository &users) { return users.findByLogin(QStringLiteral("IVANOV.A")); }));
        const auto cyrillic = write([&](UserRepository &users) {
            return users.create(makeUser(QStringLiteral("Петров"), Role::Manager), QStringLiteral("$h"),
                                Start);
        });
        QVERIFY(cyrillic);
        QCOMPARE(cyrillic->login, QStringLiteral("петров"));
        QVERIFY(read([](UserRepository &users) { return users.findByLogin(QStringLiteral("ПЕТРОВ")); }));
    }

    void aTakenLoginIsRefused()
    {
        QVERIFY(write([](UserRepository &users) {
            return users.create(makeUser(QStringLiteral("rep1"), Role::SalesRep), QStringLiteral("$h1"),
                                Start);
        }));
        const auto second = write([](UserRepository &users) {
            return users.create(makeUser(QStringLiteral("REP1"), Role::Manager), QStringLiteral("$h2"),
                                Start);
        });
        QVERIFY(!second);
        const auto stored
            = read([](UserRepository &users) { return users.findByLogin(QStringLiteral("rep1")); });
        QCOMPARE(stored->user.role, Role::SalesRep);
        QCOMPARE(stored->passwordHash, QStringLiteral("$h1"));
    }

    void unknownUsersAreNotFound()
    {
        QVERIFY(!read([](UserRepository &users) { return users.findByLogin(QStringLiteral("nobody")); }));
        QVERIFY(!read([](UserRepository &users) { return users.findById(QUuid::createUuid()); }));
        QVERIFY(!read([](UserRepository &users) { return users.findById(QUuid()); }));
        User ghost = makeUser(QStringLiteral("ghost"), Role::Manager);
        ghost.id = QUuid::createUuid();
        QCOMPARE(write([&](UserRepository &users) { return users.update(ghost); }),
                 UserRepository::UpdateResult::NotFound);
        QVERIFY(!write(
            [&](UserRepository &users) { return users.setPasswordHash(ghost.id, QStringLiteral("$h")); }));
    }

    void listIsOrderedByLogin()
    {
        for (const auto &login : {QStringLiteral("charlie"), QStringLiteral("alice"), QStringLiteral("bob")})
            write([&](UserRepository &users) {
                return users.create(makeUser(login, Role::SalesRep), QStringLiteral("$h"), Start);
            });
        const QList<User> all = read([](UserRepository &users) { return users.list(); });
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).login, QStringLiteral("alice"));
        QCOMPARE(all.at(1).login, QStringLiteral("bob"));
        QCOMPARE(all.at(2).login, QStringLiteral("charlie"));
    }

    void updatesEverythingButTheLogin()
    {
        const User created = *write([](UserRepository &users) {
            return users.create(makeUser(QStringLiteral("worker"), Role::Warehouse), QStringLiteral("$h"),
                                Start);
        });
        User changed = created;
        changed.login = QStringLiteral("renamed");
        changed.displayName = QStringLiteral("Новое имя");
        changed.role = Role::Buyer;
        changed.warehouseId = QUuid();
        changed.customerId = QUuid::createUuid();
        changed.active = false;
        QCOMPARE(write([&](UserRepository &users) { return users.update(changed); }),
                 UserRepository::UpdateResult::Updated);
        const User stored = *read([&](UserRepository &users) { return users.findById(created.id); });
        QCOMPARE(stored.login, QStringLiteral("worker"));
        QCOMPARE(stored.displayName, changed.displayName);
        QCOMPARE(stored.role, Role::Buyer);
        QVERIFY(stored.warehouseId.isNull());
        QCOMPARE(stored.customerId, changed.customerId);
        QCOMPARE(stored.active, false);
    }

    void setsPasswordHashes()
    {
        const User created = *write([](UserRepository &users) {
            return users.create(makeUser(QStringLiteral("rep1"), Role::SalesRep), QStringLiteral("$old"),
                                Start);
        });
        QVERIFY(write([&](UserRepository &users) {
            return users.setPasswordHash(created.id, QStringLiteral("$new"));
        }));
        QCOMPARE(read([](UserRepository &users) {
                     return users.findByLogin(QStringLiteral("rep1"));
                 })->passwordHash,
                 QStringLiteral("$new"));
    }

    void theLastActiveAdminStays()
    {
        User admin = *write([](UserRepository &users) {
            return users.create(makeUser(QStringLiteral("admin"), Role::Admin), QStringLiteral("$h"), Start);
        });
        User demoted = admin;
        demoted.role = Role::Manager;
        QCOMPARE(write([&](UserRepository &users) { return users.update(demoted); }),
                 UserRepository::UpdateResult::LastAdmin);
        User disabled = admin;
        disabled.active = false;
        QCOMPARE(write([&](UserRepository &users) { return users.update(disabled); }),
                 UserRepository::UpdateResult::LastAdmin);
        // An inactive admin does not count.
        User sleeper = makeUser(QStringLiteral("sleeper"), Role::Admin);
        sleeper.active = false;
        write([&](UserRepository &users) { return users.create(sleeper, QStringLiteral("$h"), Start); });
        QCOMPARE(write([&](UserRepository &users) { return users.update(disabled); }),
                 UserRepository::UpdateResult::LastAdmin);
        // Renaming the last admin is fine.
        admin.displayName = QStringLiteral("Root");
        QCOMPARE(write([&](UserRepository &users) { return users.update(admin); }),
                 UserRepository::UpdateResult::Updated);
        // With a second active admin either may go.
        write([](UserRepository &users) {
            return users.create(makeUser(QStringLiteral("second"), Role::Admin), QStringLiteral("$h"), Start);
        });
        QCOMPARE(write([&](UserRepository &users) { return users.update(disabled); }),
                 UserRepository::UpdateResult::Updated);
        QCOMPARE(read([&](UserRepository &users) { return users.findById(admin.id); })->active, false);
    }

    void withoutAnyAdminOthersStillChange()
    {
        User rep = *write([](UserRepository &users) {
            return users.create(makeUser(QStringLiteral("rep1"), Role::SalesRep), QStringLiteral("$h"),
                                Start);
        });
        rep.active = false;
        QCOMPARE(write([&](UserRepository &users) { return users.update(rep); }),
                 UserRepository::UpdateResult::Updated);
    }

    void bindingsExistOrNot()
    {
        const QUuid warehouse = QUuid::createUuid();
        m_db->database().write([&](QSqlDatabase &tx) {
            Sql(tx,
                QStringLiteral(
                    "INSERT INTO warehouses (id, external_id, name, address) VALUES (:id, NULL, 'Main', '')"))
                .bind(QStringLiteral(":id"), warehouse.toString(QUuid::WithoutBraces))
                .exec();
        });
        QVERIFY(read([&](UserRepository &users) { return users.warehouseExists(warehouse); }));
        QVERIFY(!read([](UserRepository &users) { return users.warehouseExists(QUuid::createUuid()); }));
        QVERIFY(!read([](UserRepository &users) { return users.warehouseExists(QUuid()); }));
        QVERIFY(!read([](UserRepository &users) { return users.customerExists(QUuid::createUuid()); }));
        QVERIFY(!read([](UserRepository &users) { return users.customerExists(QUuid()); }));
    }

private:
    std::unique_ptr<TestDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestUserRepository)
#include "tst_userrepository.moc"
