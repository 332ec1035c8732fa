#include "auth/credentialstore.h"
#include "fakecredentialstore.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

using portico::client::CredentialResult;
using portico::client::CredentialStore;
using portico::client::KeychainCredentialStore;
using portico::test::FakeCredentialStore;
using Status = CredentialResult::Status;

namespace {

const QString Service = QStringLiteral("Portico-Test");
const char WithoutDBusArgument[] = "--store-without-dbus";

// Set by tests/support/tools/with-keyring, which gives the test a D-Bus session with an
// unlocked gnome-keyring and a temporary HOME.
bool hasTestKeyring()
{
    return !qEnvironmentVariableIsEmpty("PORTICO_TEST_KEYRING");
}

QString uniqueKey()
{
    return QStringLiteral("profile/tst-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Runs one store call and waits for its answer; nullopt if none came.
std::optional<CredentialResult> await(const std::function<void(CredentialStore::Done)> &call,
                                      bool *synchronous = nullptr)
{
    std::optional<CredentialResult> result;
    call([&result](const CredentialResult &answer) { result = answer; });
    if (synchronous)
        *synchronous = result.has_value();
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, 15000);
    return result;
}

std::optional<CredentialResult> write(CredentialStore &store, const QString &key, const QByteArray &secret)
{
    return await([&](CredentialStore::Done done) { store.write(key, secret, nullptr, std::move(done)); });
}

std::optional<CredentialResult> read(CredentialStore &store, const QString &key)
{
    return await([&](CredentialStore::Done done) { store.read(key, nullptr, std::move(done)); });
}

std::optional<CredentialResult> remove(CredentialStore &store, const QString &key)
{
    return await([&](CredentialStore::Done done) { store.remove(key, nullptr, std::move(done)); });
}

// Files under `root` whose bytes contain any of `needles`.
QStringList filesContaining(const QString &root, const QList<QByteArray> &needles)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        for (const QByteArray &needle : needles) {
            if (content.contains(needle)) {
                found.append(path);
                break;
            }
        }
    }
    return found;
}

// The child process of noDBusStoresNothing: a keychain store with nowhere to go. Prints one
// line per call: "<call> <status number> <message>".
int storeWithoutDBus(const char *key, const char *secret)
{
    KeychainCredentialStore store(Service);
    const auto written = write(store, QString::fromUtf8(key), QByteArray(secret));
    const auto readBack = read(store, QString::fromUtf8(key));
    for (const auto &[name, result] : {std::pair {"write", written}, std::pair {"read", readBack}}) {
        if (!result)
            std::printf("%s none\n", name);
        else
            std::printf("%s %d %s\n", name, int(result->status), qPrintable(result->message));
    }
    return 0;
}

} // namespace

// The credential store's contract, checked on the in-memory fake and on the real keychain
// (QtKeychain over gnome-keyring's Secret Service in a private D-Bus session).
class TestCredentialStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writeReadOverwriteRemove_data() { stores(); }
    void writeReadOverwriteRemove()
    {
        auto store = makeStore();
        if (!store)
            return;
        const QString key = uniqueKey();
        auto result = read(*store, key);
        QVERIFY(result);
        QCOMPARE(result->status, Status::NotFound);
        QVERIFY(!result->message.isEmpty());

        result = write(*store, key, "first secret");
        QVERIFY(result);
        QVERIFY2(result->status == Status::Ok, qPrintable(result->message));
        result = read(*store, key);
        QVERIFY(result);
        QCOMPARE(result->status, Status::Ok);
        QCOMPARE(result->secret, QByteArray("first secret"));

        result = write(*store, key, "second secret");
        QCOMPARE(result->status, Status::Ok);
        QCOMPARE(read(*store, key)->secret, QByteArray("second secret"));

        result = remove(*store, key);
        QVERIFY(result);
        QVERIFY2(result->status == Status::Ok, qPrintable(result->message));
        QCOMPARE(read(*store, key)->status, Status::NotFound);
        // Removing what is not there is fine.
        result = remove(*store, key);
        QVERIFY(result->status == Status::Ok || result->status == Status::NotFound);
    }

    void binarySecretsAndSeparateKeys_data() { stores(); }
    void binarySecretsAndSeparateKeys()
    {
        auto store = makeStore();
        if (!store)
            return;
        QByteArray binary;
        for (int i = 0; i < 256; ++i)
            binary += char(i);
        binary += QByteArray("\0\xff\xfe tail", 8);
        const QString first = uniqueKey();
        const QString second = uniqueKey();
        QCOMPARE(write(*store, first, binary)->status, Status::Ok);
        QCOMPARE(write(*store, second, "other")->status, Status::Ok);
        QCOMPARE(read(*store, first)->secret, binary);
        QCOMPARE(remove(*store, first)->status, Status::Ok);
        QCOMPARE(read(*store, first)->status, Status::NotFound);
        QCOMPARE(read(*store, second)->secret, QByteArray("other"));
        QCOMPARE(remove(*store, second)->status, Status::Ok);
    }

    void answersLaterAndOnlyToLiveContexts_data() { stores(); }
    void answersLaterAndOnlyToLiveContexts()
    {
        auto store = makeStore();
        if (!store)
            return;
        const QString key = uniqueKey();
        bool synchronous = true;
        const auto result
            = await([&](CredentialStore::Done done) { store->write(key, "x", nullptr, std::move(done)); },
                    &synchronous);
        QVERIFY(result);
        QVERIFY(!synchronous);

        // A caller that is gone by the time of the answer does not get it.
        bool called = false;
        auto context = std::make_unique<QObject>();
        store->read(key, context.get(), [&called](const CredentialResult &) { called = true; });
        context.reset();
        QObject alive;
        std::optional<CredentialResult> later;
        store->read(key, &alive, [&later](const CredentialResult &answer) { later = answer; });
        QTRY_VERIFY_WITH_TIMEOUT(later.has_value(), 15000);
        QTest::qWait(50);
        QVERIFY(!called);
        QCOMPARE(later->secret, QByteArray("x"));
        QCOMPARE(remove(*store, key)->status, Status::Ok);
    }

    void nothingIsWrittenInClearText_data() { stores(); }
    void nothingIsWrittenInClearText()
    {
        if (!hasTestKeyring())
            QSKIP("needs the temporary HOME of tests/support/tools/with-keyring (CTest runs it so)");
        auto store = makeStore();
        if (!store)
            return;
        const QString key = uniqueKey();
        const QByteArray secret = "clear-text-probe-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QCOMPARE(write(*store, key, secret)->status, Status::Ok);
        QCOMPARE(read(*store, key)->secret, secret);
        const QString home = QDir::homePath();
        QVERIFY2(home.startsWith(QDir::tempPath()), qPrintable(home));
        const QStringList found = filesContaining(home, {secret, secret.toBase64()});
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
        QFETCH(QString, backend);
        if (backend == QLatin1String("keychain")) {
            // The entry did reach the disk, in gnome-keyring's encrypted keyring file.
            const QDir keyrings(home + QStringLiteral("/.local/share/keyrings"));
            QVERIFY2(!keyrings.entryList({QStringLiteral("*.keyring")}, QDir::Files).isEmpty(),
                     qPrintable(keyrings.path()));
        }
        QCOMPARE(remove(*store, key)->status, Status::Ok);
    }

    void gnomeKeyringHoldsTheEntry()
    {
        if (!hasTestKeyring())
            QSKIP("needs the Secret Service of tests/support/tools/with-keyring (CTest runs it so)");
        KeychainCredentialStore store(Service);
        const QString key = uniqueKey();
        const QByteArray secret = "seen-by-secret-tool";
        QCOMPARE(write(store, key, secret)->status, Status::Ok);
        // QtKeychain stores binary data base64-encoded under (user = key, server = service).
        QProcess lookup;
        lookup.start(
            QStringLiteral("secret-tool"),
            {QStringLiteral("lookup"), QStringLiteral("server"), Service, QStringLiteral("user"), key});
        QVERIFY2(lookup.waitForFinished(15000), qPrintable(lookup.errorString()));
        QCOMPARE(lookup.exitCode(), 0);
        QCOMPARE(lookup.readAllStandardOutput().trimmed(), secret.toBase64());

        QCOMPARE(remove(store, key)->status, Status::Ok);
        lookup.start(
            QStringLiteral("secret-tool"),
            {QStringLiteral("lookup"), QStringLiteral("server"), Service, QStringLiteral("user"), key});
        QVERIFY(lookup.waitForFinished(15000));
        QVERIFY(lookup.readAllStandardOutput().isEmpty());
    }

    void withoutDBusNothingIsStored()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QByteArray secret = "no-dbus-probe-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + home.path() + QStringLiteral("/no-bus-here"));
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/.config"));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/.local/share"));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.path() + QStringLiteral("/.cache"));
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
                                 "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID"})
            environment.remove(QString::fromLatin1(name));
        QProcess child;
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(),
                    {QString::fromLatin1(WithoutDBusArgument), uniqueKey(), QString::fromLatin1(secret)});
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitCode(), 0);
        const QList<QByteArray> lines = child.readAllStandardOutput().trimmed().split('\n');
        qInfo("%s", lines.join(" | ").constData());
        QCOMPARE(lines.size(), 2);
        for (const QByteArray &line : lines) {
            const QList<QByteArray> parts = line.split(' ');
            QVERIFY2(parts.size() > 2, line.constData());
            const auto status = Status(parts.at(1).toInt());
            // No keychain at all: the user is told, and nothing is kept anywhere.
            QVERIFY2(status == Status::NoBackend, line.constData());
            QVERIFY2(line.contains("keychain"), line.constData());
        }
        const QStringList found = filesContaining(home.path(), {secret, secret.toBase64()});
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
    }

    void fakeWithoutBackendStoresNothing()
    {
        FakeCredentialStore store;
        store.setNoBackend(true);
        const QString key = uniqueKey();
        auto result = write(store, key, "secret");
        QCOMPARE(result->status, Status::NoBackend);
        QVERIFY(!result->message.isEmpty());
        QVERIFY(!store.contains(key));
        QCOMPARE(read(store, key)->status, Status::NoBackend);
        QCOMPARE(remove(store, key)->status, Status::NoBackend);
        QCOMPARE(store.calls(),
                 (QStringList {QStringLiteral("write ") + key, QStringLiteral("read ") + key,
                               QStringLiteral("remove ") + key}));

        store.setNoBackend(false);
        store.setFailure(Status::Denied);
        QCOMPARE(write(store, key, "secret")->status, Status::Denied);
        store.setFailure(Status::Ok);
        QCOMPARE(write(store, key, "secret")->status, Status::Ok);
        QCOMPARE(store.secret(key), QByteArray("secret"));
        store.clearCalls();
        QVERIFY(store.calls().isEmpty());
    }

private:
    static void stores()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("fake") << QStringLiteral("fake");
        QTest::newRow("keychain") << QStringLiteral("keychain");
    }

    // The store of the current row; null (the row skipped) for the keychain without a keyring.
    std::unique_ptr<CredentialStore> makeStore()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("fake"))
            return std::make_unique<FakeCredentialStore>();
        if (!hasTestKeyring()) {
            QTest::qSkip("needs the Secret Service of tests/support/tools/with-keyring (CTest runs it so)",
                         __FILE__, __LINE__);
            return nullptr;
        }
        return std::make_unique<KeychainCredentialStore>(Service);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && std::strcmp(argv[1], WithoutDBusArgument) == 0)
        return storeWithoutDBus(argv[2], argv[3]);
    TestCredentialStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentialstore.moc"
