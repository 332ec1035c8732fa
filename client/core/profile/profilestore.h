#pragma once

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
};

// The profiles under one root folder (by default QStandardPaths::AppDataLocation + "/profiles").
class ProfileStore final
{
public:
    explicit ProfileStore(QString root);

    QString root() const { return m_root; }
    // Newest first by lastUsed. Folders without a readable profile.json are skipped.
    QList<Profile> list() const;
    std::optional<Profile> find(const QUrl &server, const QString &login) const;
    // A profile folder given on the command line (portico --profile DIR).
    static std::optional<Profile> load(const QString &dir, QString *error = nullptr);
    // Creates the folder and profile.json (or returns the existing profile).
    Profile create(const QUrl &server, const QString &login, QString *error = nullptr) const;
    // Writes profile.json (display name, last used).
    static bool save(const Profile &profile, QString *error = nullptr);
    // Removes the folder (cache included). The caller removes the keychain entry.
    bool forget(const Profile &profile, QString *error = nullptr) const;

private:
    QString m_root;
};

} // namespace portico::client
