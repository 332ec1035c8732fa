#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace portico::client {

struct CredentialResult
{
    enum class Status {
        Ok,
        NotFound, // nothing stored under the key
        NoBackend, // no keychain on this system: tell the user, log in each start
        Denied, // the user refused access or the keychain is locked
        Error,
    };
    Status status = Status::Ok;
    QByteArray secret; // read: the stored secret
    QString message; // for the user, when status is not Ok
};

// Secrets (tokens, never passwords) in the operating system's keychain. Asynchronous: `done`
// runs later on the caller's thread, unless `context` was destroyed first. There is no plaintext
// fallback: without a keychain every call answers NoBackend.
class CredentialStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    using Done = std::function<void(const CredentialResult &)>;

    ~CredentialStore() override = default;

    virtual void read(const QString &key, QObject *context, Done done) = 0;
    virtual void write(const QString &key, const QByteArray &secret, QObject *context, Done done) = 0;
    virtual void remove(const QString &key, QObject *context, Done done) = 0; // NotFound is fine

protected:
    explicit CredentialStore(QObject *parent)
        : QObject(parent)
    { }
};

// QtKeychain (Secret Service on Linux, Credential Manager on Windows, Keychain on macOS).
class KeychainCredentialStore final : public CredentialStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainCredentialStore)

public:
    // `service` names the entries' application ("Portico"); keys are per profile.
    explicit KeychainCredentialStore(QString service, QObject *parent = nullptr);

    void read(const QString &key, QObject *context, Done done) override;
    void write(const QString &key, const QByteArray &secret, QObject *context, Done done) override;
    void remove(const QString &key, QObject *context, Done done) override;

private:
    QString m_service;
};

} // namespace portico::client
