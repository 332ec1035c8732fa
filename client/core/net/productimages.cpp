#include "net/productimages.h"

#include "net/apiclient.h"
#include "sync/session.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <algorithm>

namespace portico::client {

namespace {

// GET /api/v1/blobs/{sha256}: the body is the content itself, not JSON.
class BlobJob final : public ApiJob
{
public:
    BlobJob(QNetworkAccessManager &network, const QUrl &url, const QString &accessToken, QObject *parent)
        : ApiJob(network, url, "GET", accessToken.toUtf8(), {}, parent)
    { }

private:
    bool parseReply(const QByteArray &, QString *) override { return true; }
};

QUrl blobUrl(QUrl server, const QString &sha256)
{
    QString path = server.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    server.setPath(path + QStringLiteral("/api/v1/blobs/") + sha256);
    return server;
}

} // namespace

ProductImages::ProductImages(QNetworkAccessManager &network, Session &session, QString folder,
                             QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_session(session)
    , m_folder(std::move(folder))
{ }

ProductImages::~ProductImages() = default;

bool ProductImages::isValidName(const QString &sha256)
{
    if (sha256.size() != 64)
        return false;
    return std::all_of(sha256.cbegin(), sha256.cend(),
                       [](QChar c) { return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'); });
}

QString ProductImages::filePath(const QString &sha256) const
{
    return QDir(m_folder).filePath(sha256);
}

void ProductImages::request(const QString &sha256)
{
    if (!isValidName(sha256)) {
        QMetaObject::invokeMethod(
            this, [this, sha256] { Q_EMIT imageFailed(sha256, tr("The product names no valid image.")); },
            Qt::QueuedConnection);
        return;
    }
    if (m_inFlight.contains(sha256))
        return;
    m_inFlight.insert(sha256, true);
    // A kept image is small and read in well under a millisecond; it is still answered from the
    // event loop, like a download.
    QMetaObject::invokeMethod(
        this,
        [this, sha256] {
            QFile file(filePath(sha256));
            if (file.open(QIODevice::ReadOnly)) {
                const QByteArray content = file.readAll();
                if (QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()
                    == sha256.toLatin1()) {
                    finish(sha256, content, {});
                    return;
                }
            }
            download(sha256, false);
        },
        Qt::QueuedConnection);
}

void ProductImages::download(const QString &sha256, bool retried)
{
    m_session.withAccessToken(this, [this, sha256, retried](const ApiError &tokenError) {
        if (!tokenError.ok()) {
            finish(sha256, {}, tokenError.toString());
            return;
        }
        auto *job
            = new BlobJob(m_network, blobUrl(m_session.server(), sha256), m_session.accessToken(), this);
        connect(job, &ApiJob::finished, this, [this, sha256, retried, job] {
            const ApiError &error = job->error();
            if (error.kind == ApiError::Kind::Http && error.httpStatus == 401 && !retried) {
                m_session.invalidateAccessToken();
                download(sha256, true);
                return;
            }
            if (!error.ok()) {
                finish(sha256, {}, error.toString());
                return;
            }
            const QByteArray content = job->body();
            if (QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex() != sha256.toLatin1()) {
                finish(sha256, {}, tr("The server sent an image that does not match its name."));
                return;
            }
            QDir().mkpath(m_folder);
            QSaveFile file(filePath(sha256));
            if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
                // Shown all the same; it is fetched again next time.
                qWarning("ProductImages: cannot keep %s: %s", qPrintable(filePath(sha256)),
                         qPrintable(file.errorString()));
            }
            finish(sha256, content, {});
        });
        job->start();
    });
}

void ProductImages::finish(const QString &sha256, const QByteArray &content, const QString &error)
{
    m_inFlight.remove(sha256);
    if (error.isEmpty())
        Q_EMIT imageReady(sha256, content);
    else
        Q_EMIT imageFailed(sha256, error);
}

} // namespace portico::client
