#pragma once

#include "authfixture.h"
#include "releasesigner.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

namespace portico::test {

inline QByteArray headerOf(const QByteArray &headers, const QByteArray &name)
{
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// Deterministic bytes standing in for an installer.
inline QByteArray installerBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 state = seed | 1U;
    for (qsizetype i = 0; i < size; ++i) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        bytes[i] = static_cast<char>(state & 0xffU);
    }
    return bytes;
}

inline QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// A real server that trusts a test root key (--release-root-key), with the release keys to
// sign what the tests publish, and raw HTTP helpers that close each connection (so that a 204
// or 304 without a length ends at once) and keep the server's log pipe drained.
class ReleaseFixture final
{
public:
    bool start()
    {
        if (!m_keyDir.isValid() || !m_signer.writeRootPublicKey(rootKeyFile()))
            return false;
        if (!m_api.start({QStringLiteral("--release-root-key"), rootKeyFile()}))
            return false;
        m_admin = m_api.tokenOf(QStringLiteral("admin"));
        return !m_admin.isEmpty();
    }

    AuthFixture &api() { return m_api; }
    ReleaseSigner &signer() { return m_signer; }
    QString admin() const { return m_admin; }
    QString rootKeyFile() const { return m_keyDir.filePath(QStringLiteral("root.pub")); }
    QString tempPath(const QString &name) const { return m_keyDir.filePath(name); }

    ApiReply request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                     const QString &token, const QByteArray &extraHeaders = {})
    {
        QCoreApplication::processEvents(); // the server's log pipe
        QByteArray text
            = method + ' ' + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + extraHeaders;
        if (!token.isEmpty())
            text += "Authorization: Bearer " + token.toLatin1() + "\r\n";
        if (!body.isNull())
            text += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        const RawHttpReply raw = rawHttp(m_api.server().port(), text + "\r\n" + body, 60000);
        ApiReply reply;
        reply.status = raw.status;
        reply.headers = raw.headers;
        reply.json = QJsonDocument::fromJson(raw.body).object();
        m_lastBody = raw.body;
        return reply;
    }

    // The body of the last request(), as it came.
    QByteArray lastBody() const { return m_lastBody; }

    static QByteArray json(const QJsonObject &object)
    {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    }

    QByteArray uploadBody(const QString &version, const QByteArray &installer,
                          const QString &channel = QStringLiteral("stable"))
    {
        return json({{QStringLiteral("manifest"),
                      m_signer.manifest(ReleaseSigner::manifestPayload(
                          version, channel, QStringLiteral("linux-amd64-deb"), installer))},
                     {QStringLiteral("keys"), m_signer.keyList()}});
    }

    // POST /admin/releases; the new release's id, or empty.
    QString create(const QString &version, const QByteArray &installer,
                   const QString &channel = QStringLiteral("stable"))
    {
        const ApiReply reply
            = request("POST", "/api/v1/admin/releases", uploadBody(version, installer, channel), m_admin);
        if (reply.status != 201)
            qWarning("creating %s: %d %s", qPrintable(version), reply.status, m_lastBody.constData());
        return reply.json.value(QStringLiteral("release")).toObject().value(QStringLiteral("id")).toString();
    }

    ApiReply putChunk(const QString &id, const QByteArray &installer, qsizetype start, qsizetype length,
                      qsizetype total = -1)
    {
        if (total < 0)
            total = installer.size();
        const QByteArray range = "Content-Range: bytes " + QByteArray::number(start) + '-'
            + QByteArray::number(start + length - 1) + '/' + QByteArray::number(total) + "\r\n";
        return request("PUT", "/api/v1/admin/releases/" + id.toLatin1() + "/installer",
                       installer.mid(start, length), m_admin,
                       range + "Content-Type: application/octet-stream\r\n");
    }

    // Uploads the whole installer in chunks of `chunk` bytes; the last reply.
    ApiReply upload(const QString &id, const QByteArray &installer, qsizetype chunk = 8 * 1024 * 1024)
    {
        ApiReply reply;
        for (qsizetype at = 0; at < installer.size(); at += chunk) {
            reply = putChunk(id, installer, at, std::min(chunk, installer.size() - at));
            if (reply.status != 200)
                return reply;
        }
        return reply;
    }

    // A ready release made current on its channel with this rollout.
    QString publish(const QString &version, const QByteArray &installer, int rollout = 100,
                    const QString &channel = QStringLiteral("stable"))
    {
        const QString id = create(version, installer, channel);
        if (id.isEmpty() || upload(id, installer).status != 200)
            return {};
        const ApiReply set = setChannel(
            channel, {{QStringLiteral("release_id"), id}, {QStringLiteral("rollout_percent"), rollout}});
        return set.status == 200 ? id : QString();
    }

    ApiReply setChannel(const QString &channel, const QJsonObject &change)
    {
        return request("PUT", "/api/v1/admin/channels/" + channel.toLatin1(), json(change), m_admin,
                       "Content-Type: application/json\r\n");
    }

private:
    QTemporaryDir m_keyDir;
    ReleaseSigner m_signer;
    AuthFixture m_api;
    QString m_admin;
    QByteArray m_lastBody;
};

} // namespace portico::test
