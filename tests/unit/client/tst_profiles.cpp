#include "fakecredentialstore.h"
#include "profile/profilelock.h"
#include "profile/profilestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <cstring>

using portico::client::CredentialResult;
using portico::client::Profile;
using portico::client::ProfileLock;
using portico::client::ProfileStore;

namespace {

const char HoldLockArgument[] = "--hold-profile-lock";

// The child process of the lock tests: locks the profile in argv[2], says so on standard
// output, and holds the lock until it is killed.
int holdLock(const char *dir)
{
    ProfileLock lock(QString::fromLocal8Bit(dir));
    if (!lock.tryLock()) {
        std::fprintf(stdout, "failed: %s\n", qPrintable(lock.errorString()));
        return 2;
    }
    std::fprintf(stdout, "locked\n");
    std::fflush(stdout);
    QThread::sleep(60);
    return 0;
}

QUrl url(const char *text)
{
    return QUrl(QString::fromLatin1(text));
}

} // namespace

// Profiles on disk: one folder per (server, login), profile.json, and one process per profile.
class TestProfiles final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createThenFindAndLoad()
    {
        QTemporaryDir root;
        ProfileStore store(root.path());
        QString error;
        const Profile created
            = store.create(url("https://Portico.Example.com/"), QStringLiteral("Buyer1"), &error);
        QVERIFY2(!created.dir.isEmpty(), qPrintable(error));
        QVERIFY(QFileInfo(created.dir).isDir());
        QCOMPARE(QFileInfo(created.dir).absolutePath(), QDir(root.path()).absolutePath());
        QVERIFY(QFile::exists(created.dir + QStringLiteral("/profile.json")));
        QCOMPARE(created.server, url("https://portico.example.com"));
        QCOMPARE(created.login, QStringLiteral("buyer1"));
        QCOMPARE(created.displayName, QStringLiteral("buyer1"));
        QVERIFY(qAbs(created.lastUsed.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(created.cachePath(), created.dir + QStringLiteral("/cache.sqlite"));
        QCOMPARE(created.credentialKey(), QStringLiteral("profile/") + created.id());
        QCOMPARE(created.id(), QFileInfo(created.dir).fileName());

        // The same pair, written differently, is the same profile.
        const auto found = store.find(url("https://portico.example.com:443"), QStringLiteral(" buyer1 "));
        QVERIFY(found);
        QCOMPARE(found->dir, created.dir);
        const Profile again = store.create(url("HTTPS://portico.example.com"), QStringLiteral("BUYER1"));
        QCOMPARE(again.dir, created.dir);
        QCOMPARE(store.list().size(), 1);

        QVERIFY(!store.find(url("https://portico.example.com"), QStringLiteral("buyer2")));
        QVERIFY(!store.find(url("https://other.example.com"), QStringLiteral("buyer1")));

        const auto loaded = ProfileStore::load(created.dir, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->server, created.server);
        QCOMPARE(loaded->login, created.login);
        QCOMPARE(loaded->lastUsed.toMSecsSinceEpoch(), created.lastUsed.toMSecsSinceEpoch());
    }

    void saveKeepsNameAndLastUse()
    {
        QTemporaryDir root;
        ProfileStore store(root.path());
        Profile profile = store.create(url("http://127.0.0.1:8080"), QStringLiteral("manager"));
        profile.displayName = QStringLiteral("Смирнова Анна");
        profile.lastUsed = QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9, 10), Qt::UTC);
        QString error;
        QVERIFY2(ProfileStore::save(profile, &error), qPrintable(error));
        const auto loaded = ProfileStore::load(profile.dir);
        QVERIFY(loaded);
        QCOMPARE(loaded->displayName, QStringLiteral("Смирнова Анна"));
        QCOMPARE(loaded->lastUsed, profile.lastUsed);
        // Written in one piece: no temporary file is left next to it.
        QCOMPARE(QDir(profile.dir).entryList(QDir::Files), QStringList {QStringLiteral("profile.json")});
    }

    void createAtAFolderOfTheCallersChoice()
    {
        QTemporaryDir parent;
        const QString dir = parent.path() + QStringLiteral("/chosen");
        QString error;
        const auto created = ProfileStore::createAt(dir, url("https://portico.example.com/"),
                                                    QStringLiteral("Rep1"), &error);
        QVERIFY2(created, qPrintable(error));
        QCOMPARE(created->dir, dir);
        QCOMPARE(created->id(), QStringLiteral("chosen"));
        QCOMPARE(created->login, QStringLiteral("rep1"));
        QVERIFY(QFile::exists(dir + QStringLiteral("/profile.json")));

        // The same pair again is the same profile; another pair is refused and changes nothing.
        const auto again
            = ProfileStore::createAt(dir, url("https://portico.example.com"), QStringLiteral("rep1"));
        QVERIFY(again);
        QCOMPARE(again->lastUsed, created->lastUsed);
        QVERIFY(
            !ProfileStore::createAt(dir, url("https://portico.example.com"), QStringLiteral("rep2"), &error));
        QVERIFY2(error.contains(QStringLiteral("rep1")) && error.contains(QStringLiteral("rep2")),
                 qPrintable(error));
        QCOMPARE(ProfileStore::load(dir)->login, QStringLiteral("rep1"));
    }

    void folderNamesAreStableReadableAndUnique_data()
    {
        QTest::addColumn<QUrl>("server");
        QTest::addColumn<QString>("login");
        QTest::addColumn<QString>("readable");
        QTest::newRow("https host") << url("https://portico.example.com") << QStringLiteral("buyer1")
                                    << QStringLiteral("portico-example-com-buyer1-");
        QTest::newRow("port and prefix") << url("http://10.0.0.5:8080/portico/") << QStringLiteral("Rep.One")
                                         << QStringLiteral("10-0-0-5-8080-rep-one-");
        QTest::newRow("cyrillic login") << url("https://portico.example.com") << QStringLiteral("иванов")
                                        << QStringLiteral("portico-example-com-");
    }

    void folderNamesAreStableReadableAndUnique()
    {
        QFETCH(QUrl, server);
        QFETCH(QString, login);
        QFETCH(QString, readable);
        const QString name = ProfileStore::folderName(server, login);
        QVERIFY2(name.startsWith(readable), qPrintable(name));
        QCOMPARE(name.size(), readable.size() + 10);
        for (const QChar c : name)
            QVERIFY2((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-', qPrintable(name));
        // The same every time, and for the same pair written differently.
        QCOMPARE(ProfileStore::folderName(server, login), name);
        QUrl trailing = server;
        trailing.setPath(server.path() + QStringLiteral("/"));
        QCOMPARE(ProfileStore::folderName(trailing, login.toUpper()), name);
        // Anything that makes another pair makes another name.
        QVERIFY(ProfileStore::folderName(server, login + QLatin1Char('2')) != name);
        QUrl otherScheme = server;
        otherScheme.setScheme(server.scheme() == QLatin1String("https") ? QStringLiteral("http")
                                                                        : QStringLiteral("https"));
        QVERIFY(ProfileStore::folderName(otherScheme, login) != name);
        QUrl otherPath = server;
        otherPath.setPath(QStringLiteral("/elsewhere"));
        QVERIFY(ProfileStore::folderName(otherPath, login) != name);
    }

    void knownFolderName()
    {
        // A folder name is a promise to existing installations: it must never change. The hash
        // is the start of SHA-256("https://portico.example.com\nbuyer1").
        QCOMPARE(ProfileStore::folderName(url("https://portico.example.com"), QStringLiteral("buyer1")),
                 QStringLiteral("portico-example-com-buyer1-4072bce9e0"));
    }

    void listIsNewestFirstAndSkipsBrokenFolders()
    {
        QTemporaryDir root;
        ProfileStore store(root.path());
        Profile older = store.create(url("https://a.example.com"), QStringLiteral("one"));
        Profile newer = store.create(url("https://b.example.com"), QStringLiteral("two"));
        older.lastUsed = QDateTime::currentDateTimeUtc().addDays(-2);
        newer.lastUsed = QDateTime::currentDateTimeUtc().addDays(-1);
        QVERIFY(ProfileStore::save(older));
        QVERIFY(ProfileStore::save(newer));
        QVERIFY(QDir(root.path()).mkdir(QStringLiteral("empty-folder")));
        QVERIFY(QDir(root.path()).mkdir(QStringLiteral("broken")));
        QFile broken(root.path() + QStringLiteral("/broken/profile.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"server\": 5");
        broken.close();

        const QList<Profile> profiles = store.list();
        QCOMPARE(profiles.size(), 2);
        QCOMPARE(profiles.at(0).login, QStringLiteral("two"));
        QCOMPARE(profiles.at(1).login, QStringLiteral("one"));

        QString error;
        QVERIFY(!ProfileStore::load(root.path() + QStringLiteral("/broken"), &error));
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
        QVERIFY(!ProfileStore::load(root.path() + QStringLiteral("/empty-folder"), &error));
        QVERIFY(!error.isEmpty());
    }

    void createRefusesWhatIsNoServer()
    {
        QTemporaryDir root;
        ProfileStore store(root.path());
        QString error;
        QVERIFY(store.create(url("ftp://files.example.com"), QStringLiteral("a"), &error).dir.isEmpty());
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(store.create(url("https://portico.example.com"), QStringLiteral("  "), &error).dir.isEmpty());
        QVERIFY(!error.isEmpty());
        QVERIFY(store.list().isEmpty());
    }

    void forgetRemovesTheFolder()
    {
        QTemporaryDir root;
        ProfileStore store(root.path());
        const Profile profile = store.create(url("https://portico.example.com"), QStringLiteral("buyer1"));
        QFile cache(profile.cachePath());
        QVERIFY(cache.open(QIODevice::WriteOnly));
        cache.write("SQLite format 3");
        cache.close();

        {
            ProfileLock lock(profile.dir);
            QVERIFY(lock.tryLock());
            QString error;
            QVERIFY(!store.forget(profile, &error));
            QVERIFY2(error.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(error));
            QVERIFY(QFile::exists(profile.cachePath()));
        }
        QString error;
        QVERIFY2(store.forget(profile, &error), qPrintable(error));
        QVERIFY(!QFileInfo::exists(profile.dir));
        QVERIFY(store.list().isEmpty());
        QVERIFY(!store.find(profile.server, profile.login));

        // Never a folder outside the store.
        QTemporaryDir elsewhere;
        Profile outside = profile;
        outside.dir = elsewhere.path();
        QFile json(elsewhere.path() + QStringLiteral("/profile.json"));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.close();
        QVERIFY(!store.forget(outside, &error));
        QVERIFY(QFileInfo::exists(elsewhere.path()));
    }

    void forgetAlsoRemovesTheTokens()
    {
        QTemporaryDir root;
        ProfileStore store(root.path());
        const Profile profile = store.create(url("https://portico.example.com"), QStringLiteral("rep1"));
        const Profile other = store.create(url("https://portico.example.com"), QStringLiteral("rep2"));
        portico::test::FakeCredentialStore credentials;
        credentials.write(profile.credentialKey(), "tokens", &credentials, [](const CredentialResult &) {});
        credentials.write(other.credentialKey(), "tokens", &credentials, [](const CredentialResult &) {});
        QTRY_VERIFY(credentials.contains(profile.credentialKey())
                    && credentials.contains(other.credentialKey()));
        QString error;
        QVERIFY2(store.forget(profile, credentials, &error), qPrintable(error));
        QTRY_VERIFY(!credentials.contains(profile.credentialKey()));
        QVERIFY(credentials.contains(other.credentialKey()));
        QVERIFY(!QFileInfo::exists(profile.dir));
        QCOMPARE(store.list().size(), 1);
    }

    void secondLockInTheSameProcessFails()
    {
        QTemporaryDir dir;
        ProfileLock first(dir.path());
        QVERIFY(first.tryLock());
        QVERIFY(first.tryLock()); // holding it already
        ProfileLock second(dir.path());
        QVERIFY(!second.tryLock());
        const QString expected
            = QStringLiteral("The profile is open in another Portico window (process %1 on ")
                  .arg(QCoreApplication::applicationPid());
        QVERIFY2(second.errorString().startsWith(expected), qPrintable(second.errorString()));
        QVERIFY(second.errorString().endsWith(QStringLiteral(").")));
    }

    void lockIsReleasedWithItsObject()
    {
        QTemporaryDir dir;
        {
            ProfileLock first(dir.path());
            QVERIFY(first.tryLock());
        }
        ProfileLock second(dir.path());
        QVERIFY2(second.tryLock(), qPrintable(second.errorString()));
    }

    void secondProcessIsToldWhoHoldsTheLock_thenTakesOverAStaleOne()
    {
        QTemporaryDir dir;
        QProcess holder;
        holder.start(QCoreApplication::applicationFilePath(),
                     {QString::fromLatin1(HoldLockArgument), dir.path()});
        QVERIFY(holder.waitForStarted(10000));
        QVERIFY(holder.waitForReadyRead(10000));
        QCOMPARE(holder.readAllStandardOutput(), QByteArray("locked\n"));

        ProfileLock lock(dir.path());
        QVERIFY(!lock.tryLock());
        QVERIFY2(lock.errorString().contains(QStringLiteral("(process %1 on ").arg(holder.processId())),
                 qPrintable(lock.errorString()));

        // Killed, it leaves its lock file behind: stale, so the next one takes it over.
        holder.kill();
        QVERIFY(holder.waitForFinished(10000));
        QVERIFY(QFile::exists(dir.path() + QStringLiteral("/profile.lock")));
        QVERIFY2(lock.tryLock(), qPrintable(lock.errorString()));

        // And now the roles are reversed: a new process is refused.
        QProcess refused;
        refused.start(QCoreApplication::applicationFilePath(),
                      {QString::fromLatin1(HoldLockArgument), dir.path()});
        QVERIFY(refused.waitForFinished(10000));
        QCOMPARE(refused.exitCode(), 2);
        const QString said = QString::fromLocal8Bit(refused.readAllStandardOutput());
        QVERIFY2(said.contains(QStringLiteral("(process %1 on ").arg(QCoreApplication::applicationPid())),
                 qPrintable(said));
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && std::strcmp(argv[1], HoldLockArgument) == 0) {
        QCoreApplication app(argc, argv);
        return holdLock(argv[2]);
    }
    QCoreApplication app(argc, argv);
    TestProfiles test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_profiles.moc"
