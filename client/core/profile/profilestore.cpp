#include "profile/profilestore.h"

#include "auth/credentialstore.h"
#include "profile/profilelock.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace portico::client {

namespace {

const QString ProfileFile = QStringLiteral("profile.json");
constexpr int FormatVersion = 1;
// Characters of the readable part of a folder name; the hash after it keeps names unique.
constexpr qsizetype SlugLength = 48;
constexpr qsizetype HashLength = 10;

// Logins are compared without case: the server keeps them in lower case.
QString normalizedLogin(const QString &login)
{
    return login.trimmed().toLower();
}

// Lower-case ASCII letters and digits; every other run of characters becomes one '-'.
QString slug(const QString &text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.toLower().unicode();
        if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9'))
            result += QChar(u);
        else if (!result.isEmpty() && !result.endsWith(QLatin1Char('-')))
            result += QLatin1Char('-');
    }
    while (result.endsWith(QLatin1Char('-')))
        result.chop(1);
    if (result.size() > SlugLength) {
        result.truncate(SlugLength);
        while (result.endsWith(QLatin1Char('-')))
            result.chop(1);
    }
    return result;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool isUsableServer(const QUrl &server)
{
    const QString scheme = server.scheme().toLower();
    return server.isValid() && !server.host().isEmpty()
        && (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

} // namespace

QString Profile::id() const
{
    return QDir(dir).dirName();
}

QString Profile::cachePath() const
{
    return QDir(dir).filePath(QStringLiteral("cache.sqlite"));
}

QString Profile::credentialKey() const
{
    return QStringLiteral("profile/") + id();
}

ProfileStore::ProfileStore(QString root)
    : m_root(QDir(root).absolutePath())
{ }

QString ProfileStore::defaultRoot()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/profiles");
}

QUrl ProfileStore::normalizedServer(const QUrl &server)
{
    QUrl url = server.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                               | QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    const QString scheme = url.scheme().toLower();
    url.setScheme(scheme);
    url.setHost(url.host().toLower());
    if ((scheme == QLatin1String("http") && url.port() == 80)
        || (scheme == QLatin1String("https") && url.port() == 443))
        url.setPort(-1);
    if (url.path() == QLatin1String("/"))
        url.setPath(QString());
    return url;
}

QString ProfileStore::folderName(const QUrl &server, const QString &login)
{
    const QUrl url = normalizedServer(server);
    const QString user = normalizedLogin(login);
    QString readable = url.host(QUrl::EncodeUnicode);
    if (url.port() != -1)
        readable += QLatin1Char('-') + QString::number(url.port());
    readable = slug(readable + QLatin1Char('-') + user);
    const QByteArray identity = url.toString(QUrl::FullyEncoded).toUtf8() + '\n' + user.toUtf8();
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(HashLength));
    return readable.isEmpty() ? hash : readable + QLatin1Char('-') + hash;
}

QList<Profile> ProfileStore::list() const
{
    QList<Profile> profiles;
    const auto folders = QDir(m_root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &folder : folders) {
        if (auto profile = load(folder.absoluteFilePath()))
            profiles.append(std::move(*profile));
    }
    std::stable_sort(profiles.begin(), profiles.end(),
                     [](const Profile &a, const Profile &b) { return a.lastUsed > b.lastUsed; });
    return profiles;
}

bool Profile::isFor(const QUrl &otherServer, const QString &otherLogin) const
{
    return server == ProfileStore::normalizedServer(otherServer) && login == normalizedLogin(otherLogin);
}

std::optional<Profile> ProfileStore::find(const QUrl &server, const QString &login) const
{
    auto profile = load(QDir(m_root).filePath(folderName(server, login)));
    if (!profile || !profile->isFor(server, login))
        return std::nullopt;
    return profile;
}

std::optional<Profile> ProfileStore::load(const QString &dir, QString *error)
{
    const QString path = QDir(dir).filePath(ProfileFile);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error,
             tr("Portico cannot read the profile file %1: %2.")
                 .arg(QDir::toNativeSeparators(path), file.errorString()));
        return std::nullopt;
    }
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonObject json = document.object();
    Profile profile;
    profile.dir = QDir(dir).absolutePath();
    profile.server = QUrl(json.value(QLatin1StringView("server")).toString(), QUrl::StrictMode);
    profile.login = json.value(QLatin1StringView("login")).toString();
    profile.displayName = json.value(QLatin1StringView("display_name")).toString();
    profile.lastUsed
        = QDateTime::fromString(json.value(QLatin1StringView("last_used")).toString(), Qt::ISODateWithMs)
              .toUTC();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || !isUsableServer(profile.server) || profile.login.isEmpty()) {
        fail(error, tr("The profile file %1 is damaged.").arg(QDir::toNativeSeparators(path)));
        return std::nullopt;
    }
    if (profile.displayName.isEmpty())
        profile.displayName = profile.login;
    return profile;
}

Profile ProfileStore::create(const QUrl &server, const QString &login, QString *error) const
{
    auto profile = createAt(QDir(m_root).filePath(folderName(server, login)), server, login, error);
    return profile ? std::move(*profile) : Profile {};
}

std::optional<Profile> ProfileStore::createAt(const QString &dir, const QUrl &server, const QString &login,
                                              QString *error)
{
    if (!isUsableServer(server)) {
        fail(
            error,
            tr("The server address %1 is not an http:// or https:// address.").arg(server.toDisplayString()));
        return std::nullopt;
    }
    if (normalizedLogin(login).isEmpty()) {
        fail(error, tr("A profile needs a login."));
        return std::nullopt;
    }
    Profile profile;
    profile.dir = QDir(dir).absolutePath();
    profile.server = normalizedServer(server);
    profile.login = normalizedLogin(login);
    if (QFileInfo::exists(QDir(profile.dir).filePath(ProfileFile))) {
        auto existing = load(profile.dir, error);
        if (!existing)
            return std::nullopt;
        if (existing->server != profile.server || existing->login != profile.login) {
            fail(error,
                 tr("The folder %1 holds the profile of %2 on %3, not of %4 on %5.")
                     .arg(QDir::toNativeSeparators(profile.dir), existing->login,
                          existing->server.toDisplayString(), profile.login,
                          profile.server.toDisplayString()));
            return std::nullopt;
        }
        return existing;
    }
    profile.displayName = profile.login;
    profile.lastUsed = QDateTime::currentDateTimeUtc();
    if (!QDir().mkpath(profile.dir)) {
        fail(error,
             tr("Portico cannot create the profile folder %1.").arg(QDir::toNativeSeparators(profile.dir)));
        return std::nullopt;
    }
    if (!save(profile, error))
        return std::nullopt;
    return profile;
}

bool ProfileStore::save(const Profile &profile, QString *error)
{
    const QString path = QDir(profile.dir).filePath(ProfileFile);
    const QJsonObject json {
        {QStringLiteral("format"), FormatVersion},
        {QStringLiteral("server"), profile.server.toString(QUrl::FullyEncoded)},
        {QStringLiteral("login"), profile.login},
        {QStringLiteral("display_name"), profile.displayName},
        {QStringLiteral("last_used"), profile.lastUsed.toUTC().toString(Qt::ISODateWithMs)},
    };
    // QSaveFile writes a temporary file and renames it over the old one: a crash or a full disk
    // leaves the previous profile.json, never half of one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson()) < 0 || !file.commit())
        return fail(error,
                    tr("Portico cannot write the profile file %1: %2.")
                        .arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

bool ProfileStore::forget(const Profile &profile, QString *error) const
{
    // Only ever a profile folder directly under this store's root, one that holds profile.json.
    const QString dir = QDir(profile.dir).absolutePath();
    const QString native = QDir::toNativeSeparators(dir);
    if (profile.dir.isEmpty() || QFileInfo(dir).absolutePath() != m_root
        || !QFileInfo::exists(QDir(dir).filePath(ProfileFile)))
        return fail(error, tr("The folder %1 is not a profile of this store.").arg(native));
    {
        ProfileLock lock(dir);
        if (!lock.tryLock())
            return fail(error, lock.errorString());
    }
    if (!QDir(dir).removeRecursively())
        return fail(error, tr("Portico could not remove all of the profile folder %1.").arg(native));
    return true;
}

bool ProfileStore::forget(const Profile &profile, CredentialStore &credentials, QString *error) const
{
    if (!forget(profile, error))
        return false;
    credentials.remove(profile.credentialKey(), &credentials, [](const CredentialResult &) {});
    return true;
}

} // namespace portico::client
