#include "update/updateoffer.h"

namespace portico::client {

std::optional<UpdateOffer> UpdateOffer::fromJson(const QJsonObject &json, const QUrl &server, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<UpdateOffer> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    UpdateOffer offer;
    offer.releaseId = json.value(QStringLiteral("release_id")).toVariant().toString();
    offer.version = json.value(QStringLiteral("version")).toString();
    offer.minVersion = json.value(QStringLiteral("min_version")).toString();
    if (!json.value(QStringLiteral("manifest")).isObject())
        return fail(QStringLiteral("$.manifest: expected a signed envelope"));
    if (!json.value(QStringLiteral("keys")).isObject())
        return fail(QStringLiteral("$.keys: expected a signed envelope"));
    offer.manifest = json.value(QStringLiteral("manifest")).toObject();
    offer.keys = json.value(QStringLiteral("keys")).toObject();
    const QString url
        = json.value(QStringLiteral("download")).toObject().value(QStringLiteral("url")).toString();
    if (url.isEmpty())
        return fail(QStringLiteral("$.download.url: expected a URL"));
    offer.downloadUrl = server.resolved(QUrl(url));
    if (!offer.downloadUrl.isValid() || offer.downloadUrl.scheme().isEmpty())
        return fail(QStringLiteral("$.download.url: not a URL"));
    return offer;
}

QString VerifiedRelease::notes(const QString &language) const
{
    if (language.startsWith(QStringLiteral("ru")) && !notesRu.isEmpty())
        return notesRu;
    return notesEn;
}

} // namespace portico::client
