#pragma once

#include "auth/credentialstore.h"

#include <QHash>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

namespace portico::test {

// An in-memory CredentialStore. Like the real one it answers later, from the event loop, and
// not at all once the caller's context object is gone. setNoBackend(true) makes it behave like
// a system without a keychain: every call answers NoBackend and nothing is stored. calls()
// lists what was asked, e.g. "write profile/x", "read profile/x", "remove profile/x".
class FakeCredentialStore final : public client::CredentialStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeCredentialStore)

public:
    explicit FakeCredentialStore(QObject *parent = nullptr);

    void read(const QString &key, QObject *context, Done done) override;
    void write(const QString &key, const QByteArray &secret, QObject *context, Done done) override;
    void remove(const QString &key, QObject *context, Done done) override;

    void setNoBackend(bool noBackend) { m_noBackend = noBackend; }
    // The status every call answers with instead of doing anything (Ok: the normal behaviour).
    void setFailure(client::CredentialResult::Status status) { m_failure = status; }

    QStringList calls() const { return m_calls; }
    void clearCalls() { m_calls.clear(); }
    bool contains(const QString &key) const { return m_secrets.contains(key); }
    QByteArray secret(const QString &key) const { return m_secrets.value(key); }
    QHash<QString, QByteArray> secrets() const { return m_secrets; }

private:
    // Runs `answer` from the event loop in `context` (or this store), and hands its result on.
    void later(QObject *context, Done done, std::function<client::CredentialResult()> answer);
    std::optional<client::CredentialResult> failure() const;

    QHash<QString, QByteArray> m_secrets;
    QStringList m_calls;
    client::CredentialResult::Status m_failure = client::CredentialResult::Status::Ok;
    bool m_noBackend = false;
};

} // namespace portico::test
