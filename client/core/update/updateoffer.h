#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace portico::client {

// What the server offers (GET /api/v1/updates, or the "update" of a 426 answer). Nothing in it
// is trusted until ReleaseVerifier has checked the two signed envelopes; the server's own
// "download" size and hash are ignored in favour of the signed manifest's.
struct UpdateOffer
{
    QString releaseId;
    QString version; // as the server says; the signed manifest's is the one used
    QJsonObject manifest; // signed envelope
    QJsonObject keys; // signed envelope: the release key list
    QUrl downloadUrl; // resolved against the server
    QString minVersion;

    // `server` resolves a relative download URL. nullopt with *error when a field is missing.
    static std::optional<UpdateOffer> fromJson(const QJsonObject &json, const QUrl &server, QString *error);
};

// A release whose manifest verified: every field below is signed.
struct VerifiedRelease
{
    QString releaseId;
    QString version;
    QString channel;
    QString platform;
    QString fileName;
    qint64 size = 0;
    QByteArray sha256; // lower-case hex
    QString minSupportedVersion;
    QString notesEn;
    QString notesRu;
    QDateTime releasedAt;
    QDateTime expiresAt;
    QUrl downloadUrl; // from the offer: where the bytes come from does not matter, they are checked

    // The notes in `language` ("ru"), English otherwise.
    QString notes(const QString &language) const;
};

} // namespace portico::client
