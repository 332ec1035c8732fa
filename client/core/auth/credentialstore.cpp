#include "auth/credentialstore.h"

#include <QStringList>

#ifdef QT_DBUS_LIB
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#endif

#include <qt6keychain/keychain.h>

namespace portico::client {

namespace {

enum class Operation { Read, Write, Remove };

// Where QtKeychain talks D-Bus (Linux and the BSDs), whether anything could keep secrets: a
// session bus with the Secret Service or KWallet running or startable on it. QtKeychain's
// libsecret backend reports a missing bus or service as OtherError with GLib's text; this
// tells "no keychain on this system" apart from a keychain that failed. Asked only after a
// failure, so the usual path costs no extra round trips.
bool keychainServiceReachable()
{
#ifdef QT_DBUS_LIB
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QDBusReply<QStringList> activatable = bus.interface()->activatableServiceNames();
    for (const char *name :
         {"org.freedesktop.secrets", "org.kde.kwalletd6", "org.kde.kwalletd5", "org.kde.kwalletd"}) {
        const QString service = QString::fromLatin1(name);
        if (bus.interface()->isServiceRegistered(service).value()
            || (activatable.isValid() && activatable.value().contains(service)))
            return true;
    }
    return false;
#else
    return true;
#endif
}

QString noBackendMessage()
{
    return KeychainCredentialStore::tr(
        "No system keychain is available, so Portico cannot remember your sign-in "
        "and will ask for your password each time it starts.");
}

// Turns a finished QtKeychain job into a CredentialResult with a message for the user.
CredentialResult resultOf(const QKeychain::Job &job, Operation operation)
{
    CredentialResult result;
    switch (job.error()) {
    case QKeychain::NoError:
        result.status = CredentialResult::Status::Ok;
        if (operation == Operation::Read)
            result.secret = static_cast<const QKeychain::ReadPasswordJob &>(job).binaryData();
        return result;
    case QKeychain::EntryNotFound:
        result.status = CredentialResult::Status::NotFound;
        result.message = KeychainCredentialStore::tr("No saved sign-in was found in the system keychain.");
        return result;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.status = CredentialResult::Status::NoBackend;
        result.message = noBackendMessage();
        return result;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        result.status = CredentialResult::Status::Denied;
        result.message = KeychainCredentialStore::tr(
            "Portico was not allowed to use the system keychain. Unlock the keychain or allow access, "
            "then sign in again.");
        return result;
    case QKeychain::OtherError:
        if (!keychainServiceReachable()) {
            result.status = CredentialResult::Status::NoBackend;
            result.message = noBackendMessage();
            return result;
        }
        break;
    case QKeychain::CouldNotDeleteEntry:
        break;
    }
    result.status = CredentialResult::Status::Error;
    switch (operation) {
    case Operation::Read:
        result.message = KeychainCredentialStore::tr(
                             "Portico could not read your saved sign-in from the system keychain (%1), so "
                             "it will ask for your password.")
                             .arg(job.errorString());
        break;
    case Operation::Write:
        result.message = KeychainCredentialStore::tr(
                             "Portico could not save your sign-in in the system keychain (%1), so it will "
                             "ask for your password at the next start.")
                             .arg(job.errorString());
        break;
    case Operation::Remove:
        result.message = KeychainCredentialStore::tr(
                             "Portico could not remove your saved sign-in from the system keychain (%1).")
                             .arg(job.errorString());
        break;
    }
    return result;
}

// Starts `job` and hands its result to `done` in `context`'s thread, unless `context` is gone by
// then (a connection with a context object is dropped with it). QtKeychain starts the job from
// the event loop and deletes it after finished(), so `done` never runs inside the call.
void run(QKeychain::Job *job, Operation operation, QObject *fallbackContext, QObject *context,
         CredentialStore::Done done)
{
    job->setAutoDelete(true);
    // Never QSettings in clear text: without a keychain the job fails with NoBackendAvailable.
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, context ? context : fallbackContext,
                     [operation, done = std::move(done)](QKeychain::Job *finished) {
                         if (done)
                             done(resultOf(*finished, operation));
                     });
    job->start();
}

} // namespace

KeychainCredentialStore::KeychainCredentialStore(QString service, QObject *parent)
    : CredentialStore(parent)
    , m_service(std::move(service))
{ }

void KeychainCredentialStore::read(const QString &key, QObject *context, Done done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(key);
    run(job, Operation::Read, this, context, std::move(done));
}

void KeychainCredentialStore::write(const QString &key, const QByteArray &secret, QObject *context, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(key);
    job->setBinaryData(secret);
    run(job, Operation::Write, this, context, std::move(done));
}

void KeychainCredentialStore::remove(const QString &key, QObject *context, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(key);
    run(job, Operation::Remove, this, context, std::move(done));
}

} // namespace portico::client
