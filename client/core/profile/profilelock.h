#pragma once

#include <QCoreApplication>
#include <QLockFile>
#include <QString>

#include <memory>

namespace portico::client {

// One writer per profile: held for as long as a client process uses the profile's cache. A
// second process on the same profile fails to lock and is told who holds it. A lock left by a
// crashed process is taken over (QLockFile's stale-lock detection).
class ProfileLock final
{
    Q_DECLARE_TR_FUNCTIONS(ProfileLock)

public:
    explicit ProfileLock(const QString &profileDir);
    ~ProfileLock();
    ProfileLock(const ProfileLock &) = delete;
    ProfileLock &operator=(const ProfileLock &) = delete;

    bool tryLock();
    // After a failed tryLock: "The profile is open in another Portico window (process 1234 on host)."
    QString errorString() const { return m_error; }

private:
    std::unique_ptr<QLockFile> m_lock;
    QString m_error;
};

} // namespace portico::client
