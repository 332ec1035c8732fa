#include "keyfiles.h"

#include <QFile>
#include <QJsonDocument>

namespace portico::release::keyfiles {

QString kindName(KeyRole role, bool secret)
{
    const QString prefix
        = role == KeyRole::Root ? QStringLiteral("portico-root-") : QStringLiteral("portico-release-");
    return prefix + (secret ? QStringLiteral("secret") : QStringLiteral("public"));
}

std::optional<KeyRole> roleOfKind(const QString &kind, bool secret)
{
    if (kind == kindName(KeyRole::Root, secret))
        return KeyRole::Root;
    if (kind == kindName(KeyRole::Release, secret))
        return KeyRole::Release;
    return std::nullopt;
}

Error malformed(const QString &message)
{
    return Error {ErrorCode::Malformed, message};
}

Error fileError(const QString &message)
{
    return Error {ErrorCode::FileError, message};
}

Result<QByteArray> readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileError(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray content = file.read(kMaxKeyFileSize + 1);
    if (content.size() > kMaxKeyFileSize)
        return malformed(QStringLiteral("%1 is too large for a key file").arg(path));
    return content;
}

std::optional<Error> writeNewFile(const QString &path, const QByteArray &content,
                                  QFileDevice::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions))
        return fileError(QStringLiteral("cannot create %1: %2").arg(path, file.errorString()));
    if (file.write(content) != content.size() || !file.flush()) {
        const QString reason = file.errorString();
        file.close();
        file.remove();
        return fileError(QStringLiteral("cannot write %1: %2").arg(path, reason));
    }
    return std::nullopt;
}

QJsonObject parseObject(const QByteArray &json, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    *ok = error.error == QJsonParseError::NoError && document.isObject();
    return document.object();
}

} // namespace portico::release::keyfiles
