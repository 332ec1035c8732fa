#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace portico::client {

class CredentialStore;

// One (server, login) pair with its own folder: the SQLite cache (cache.sqlite), the lock file
// and profile.json (server URL, login, display name, last used). The folder name is derived
// from the server and login, so the same pair always maps to the same folder.
struct Profile
{
    QString dir; // absolute path of the profile's folder
    QUrl server;
    QString login;
    QString displayName; // the user's name once known; the login before
    QDateTime lastUsed; // UTC

    QString id() const; // the folder's name
    QString cachePath() const; // dir + "/cache.sqlite"
    QString credentialKey() const; // the keychain key of this profile's tokens
    // Whether this is the profile of `server` and `login` as a user types them (normalised as
    // the store names folders).
    bool isFor(const QUrl &server, const QString &login) const;
};

// The profiles under one root folder (by default QStandardPaths::AppDataLocation + "/profiles").
class ProfileStore final
{
    Q_DECLARE_TR_FUNCTIONS(ProfileStore)

public:
    explicit ProfileStore(QString root);

    // QStandardPaths::AppDataLocation + "/profiles".
    static QString defaultRoot();
    // The folder name of a (server, login) pair: a readable part made of the host, port and
    // login, and a hash of the normalised server URL and login that keeps it unique.
    static QString folderName(const QUrl &server, const QString &login);
    // The form kept in profile.json and compared by find(): scheme and host in lower case, no
    // default port, user info, query, fragment or trailing slash.
    static QUrl normalizedServer(const QUrl &server);

    QString root() const { return m_root; }
    // Newest first by lastUsed. Folders without a readable profile.json are skipped.
    QList<Profile> list() const;
    std::optional<Profile> find(const QUrl &server, const QString &login) const;
    // A profile folder given on the command line (portico --profile DIR).
    static std::optional<Profile> load(const QString &dir, QString *error = nullptr);
    // Creates the folder and profile.json (or returns the existing profile).
    Profile create(const QUrl &server, const QString &login, QString *error = nullptr) const;
    // The same in a folder of the caller's choice (portico --sync --profile DIR --server ...). An
    // existing profile there must be for the same server and login; nullopt with *error otherwise.
    static std::optional<Profile> createAt(const QString &dir, const QUrl &server, const QString &login,
                                           QString *error = nullptr);
    // Writes profile.json (display name, last used).
    static bool save(const Profile &profile, QString *error = nullptr);
    // Removes the folder (cache included). The caller removes the keychain entry. Refuses while
    // a ProfileLock is held on the folder, by this process or another.
    bool forget(const Profile &profile, QString *error = nullptr) const;
    // Forgets the profile and removes its tokens from the keychain (asynchronously; the entry is
    // removed even when this store is gone by then).
    bool forget(const Profile &profile, CredentialStore &credentials, QString *error = nullptr) const;

private:
    QString m_root;
};

} // namespace portico::client
