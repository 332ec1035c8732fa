#include "fakecredentialstore.h"

#include <QMetaObject>

namespace portico::test {

using client::CredentialResult;

FakeCredentialStore::FakeCredentialStore(QObject *parent)
    : CredentialStore(parent)
{ }

void FakeCredentialStore::read(const QString &key, QObject *context, Done done)
{
    m_calls.append(QStringLiteral("read ") + key);
    later(context, std::move(done), [this, key] {
        if (auto failed = failure())
            return *failed;
        CredentialResult result;
        const auto it = m_secrets.constFind(key);
        if (it == m_secrets.cend()) {
            result.status = CredentialResult::Status::NotFound;
            result.message = QStringLiteral("Nothing is stored under %1.").arg(key);
        } else {
            result.secret = *it;
        }
        return result;
    });
}

void FakeCredentialStore::write(const QString &key, const QByteArray &secret, QObject *context, Done done)
{
    m_calls.append(QStringLiteral("write ") + key);
    later(context, std::move(done), [this, key, secret] {
        if (auto failed = failure())
            return *failed;
        m_secrets.insert(key, secret);
        return CredentialResult {};
    });
}

void FakeCredentialStore::remove(const QString &key, QObject *context, Done done)
{
    m_calls.append(QStringLiteral("remove ") + key);
    later(context, std::move(done), [this, key] {
        if (auto failed = failure())
            return *failed;
        CredentialResult result;
        if (!m_secrets.remove(key)) {
            result.status = CredentialResult::Status::NotFound;
            result.message = QStringLiteral("Nothing is stored under %1.").arg(key);
        }
        return result;
    });
}

void FakeCredentialStore::later(QObject *context, Done done, std::function<CredentialResult()> answer)
{
    // Queued to `context`: Qt drops the call if the context is destroyed before it runs, as a
    // connection to a destroyed receiver is dropped for the real store.
    QMetaObject::invokeMethod(
        context ? context : this,
        [store = QPointer<FakeCredentialStore>(this), done = std::move(done), answer = std::move(answer)] {
            if (!store)
                return;
            const CredentialResult result = answer();
            if (done)
                done(result);
        },
        Qt::QueuedConnection);
}

std::optional<CredentialResult> FakeCredentialStore::failure() const
{
    CredentialResult result;
    if (m_noBackend) {
        result.status = CredentialResult::Status::NoBackend;
        result.message = QStringLiteral("No keychain is available (fake store without a backend).");
        return result;
    }
    if (m_failure == CredentialResult::Status::Ok)
        return std::nullopt;
    result.status = m_failure;
    result.message = QStringLiteral("The fake store was told to fail.");
    return result;
}

} // namespace portico::test
