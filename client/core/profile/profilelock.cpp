#include "profile/profilelock.h"

#include <QDir>

namespace portico::client {

ProfileLock::ProfileLock(const QString &profileDir)
    : m_lock(std::make_unique<QLockFile>(QDir(profileDir).filePath(QStringLiteral("profile.lock"))))
{
    // Held for the whole session: only a holder that is gone (its process ended, or the machine
    // rebooted since) makes the lock stale, never its age.
    m_lock->setStaleLockTime(0);
}

ProfileLock::~ProfileLock() = default;

bool ProfileLock::tryLock()
{
    if (m_lock->isLocked())
        return true;
    // QLockFile removes a stale lock (its process gone) by itself and tries again at once.
    if (m_lock->tryLock(0)) {
        m_error.clear();
        return true;
    }
    const QString file = QDir::toNativeSeparators(m_lock->fileName());
    switch (m_lock->error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host;
        if (m_lock->getLockInfo(&pid, &host, nullptr) && pid > 0)
            m_error
                = tr("The profile is open in another Portico window (process %1 on %2).").arg(pid).arg(host);
        else
            m_error = tr("The profile is open in another Portico window.");
        break;
    }
    case QLockFile::PermissionError:
        m_error = tr("Portico is not allowed to create the lock file %1.").arg(file);
        break;
    case QLockFile::NoError:
    case QLockFile::UnknownError:
        m_error = tr("Portico could not lock the profile with the lock file %1.").arg(file);
        break;
    }
    return false;
}

} // namespace portico::client
