#include "update/updatedownload.h"

#include "appinfo.h"
#include "net/apiclient.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace portico::client {

namespace {

constexpr qint64 ReadChunk = 256 * 1024;

// "bytes START-END/TOTAL" -> START; -1 when it is not that.
qint64 rangeStart(const QByteArray &contentRange)
{
    const QByteArray value = contentRange.trimmed();
    if (!value.startsWith("bytes "))
        return -1;
    const qsizetype dash = value.indexOf('-');
    if (dash < 0)
        return -1;
    bool ok = false;
    const qint64 start = value.mid(6, dash - 6).trimmed().toLongLong(&ok);
    return ok ? start : -1;
}

} // namespace

UpdateDownload::UpdateDownload(QNetworkAccessManager &network, QUrl url, QByteArray accessToken,
                               QString target, qint64 size, QByteArray sha256, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_url(std::move(url))
    , m_accessToken(std::move(accessToken))
    , m_target(std::move(target))
    , m_size(size)
    , m_sha256(sha256.toLower())
{
    connect(&m_speedCheck, &QTimer::timeout, this, &UpdateDownload::onSpeedCheck);
}

UpdateDownload::~UpdateDownload()
{
    dropReply();
}

void UpdateDownload::setLowSpeedLimit(qint64 bytesPerSecond, std::chrono::milliseconds window)
{
    m_limit = std::max<qint64>(bytesPerSecond, 0);
    m_window = window;
}

void UpdateDownload::start()
{
    if (m_reply || m_finished)
        return;
    if (!openPartial())
        return;
    if (m_written == m_size) {
        complete(); // a previous run got every byte and stopped before checking them
        return;
    }
    sendRequest();
}

void UpdateDownload::abort()
{
    if (m_finished)
        return;
    dropReply();
    fail(Error::Aborted, tr("The download was cancelled."));
}

// Opens the partial file for appending and hashes what it already holds, so the hash goes on
// where the last run stopped.
bool UpdateDownload::openPartial()
{
    QDir().mkpath(QFileInfo(m_target).absolutePath());
    m_file.setFileName(partialPath());
    if (!m_file.open(QIODevice::ReadWrite)) {
        fail(Error::File, tr("Cannot write %1: %2").arg(partialPath(), m_file.errorString()));
        return false;
    }
    if (m_file.size() > m_size)
        m_file.resize(0); // not the file the manifest describes
    m_hash.reset();
    m_written = 0;
    QByteArray chunk;
    while (!(chunk = m_file.read(ReadChunk)).isEmpty()) {
        m_hash.addData(chunk);
        m_written += chunk.size();
    }
    m_resumedFrom = m_written;
    return true;
}

void UpdateDownload::sendRequest()
{
    QNetworkRequest request(m_url);
    if (!m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken);
    request.setHeader(QNetworkRequest::UserAgentHeader, AppInfo::userAgent());
    request.setRawHeader("X-Portico-Version", AppInfo::version().toUtf8());
    request.setRawHeader("X-Portico-Platform", AppInfo::platform().toUtf8());
    request.setRawHeader("X-Portico-Channel", ApiJob::updateChannel(m_network).toUtf8());
    // The bytes as stored: the hash is over the installer, not over a decoded transfer.
    request.setRawHeader("Accept-Encoding", "identity");
    if (m_written > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_written) + '-');
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    m_reply = m_network.get(request);
    m_reply->setReadBufferSize(ReadChunk);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &UpdateDownload::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &UpdateDownload::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &UpdateDownload::onFinished);
    m_windowStartBytes = m_written;
    if (m_window.count() > 0)
        m_speedCheck.start(m_window);
}

void UpdateDownload::onMetaData()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200 && m_written > 0) {
        // The server sends the whole file instead of the rest: start the file over.
        m_file.resize(0);
        m_file.seek(0);
        m_hash.reset();
        m_written = 0;
        m_windowStartBytes = 0;
    } else if (status == 206 && rangeStart(m_reply->rawHeader("Content-Range")) != m_written) {
        dropReply();
        fail(Error::Http, tr("The server sent another part of the installer than the one asked for."));
    }
}

void UpdateDownload::onReadyRead()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206)
        return; // an error body: onFinished() tells
    while (m_reply && m_reply->bytesAvailable() > 0) {
        const QByteArray data = m_reply->read(ReadChunk);
        if (m_written + data.size() > m_size) {
            dropReply();
            fail(Error::TooLarge,
                 tr("The server sent more than the %1 bytes the signed manifest allows.").arg(m_size));
            return;
        }
        if (m_file.write(data) != data.size()) {
            dropReply();
            fail(Error::File, tr("Cannot write %1: %2").arg(partialPath(), m_file.errorString()));
            return;
        }
        m_hash.addData(data);
        m_written += data.size();
    }
    Q_EMIT progress(m_written, m_size);
}

void UpdateDownload::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    onReadyRead();
    if (!m_reply)
        return; // failed while reading the rest
    m_reply = nullptr;
    reply->deleteLater();
    m_speedCheck.stop();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 416 && m_written > 0 && !m_restarted) {
        // The server does not have what the partial file claims: once more from nothing.
        m_restarted = true;
        m_file.resize(0);
        m_file.seek(0);
        m_hash.reset();
        m_written = 0;
        sendRequest();
        return;
    }
    if (status == 0 || (reply->error() != QNetworkReply::NoError && (status == 200 || status == 206))) {
        m_file.flush();
        fail(Error::Network, reply->errorString());
        return;
    }
    if (status != 200 && status != 206) {
        fail(Error::Http, tr("The server answered %1 to the download.").arg(status));
        return;
    }
    if (m_written != m_size) {
        m_file.flush();
        fail(Error::SizeMismatch, tr("The download ended after %1 of %2 bytes.").arg(m_written).arg(m_size));
        return;
    }
    complete();
}

// Every window: fewer bytes than the limit allows in it is a stall.
void UpdateDownload::onSpeedCheck()
{
    if (!m_reply)
        return;
    const double seconds = double(m_window.count()) / 1000.0;
    const qint64 moved = m_written - m_windowStartBytes;
    if (double(moved) < double(m_limit) * seconds) {
        dropReply();
        m_file.flush();
        fail(Error::Stalled,
             tr("The download stalled: %1 bytes in %2 s.").arg(moved).arg(seconds, 0, 'f', 1));
        return;
    }
    m_windowStartBytes = m_written;
}

void UpdateDownload::complete()
{
    m_file.flush();
    const QByteArray digest = m_hash.result().toHex();
    if (digest != m_sha256) {
        m_file.close();
        m_file.remove(); // never resumed, never run
        fail(Error::HashMismatch, tr("The installer's SHA-256 is not the one the release was signed with."));
        return;
    }
    m_file.close();
    QFile::remove(m_target);
    if (!QFile::rename(partialPath(), m_target)) {
        fail(Error::File, tr("Cannot move the installer to %1.").arg(m_target));
        return;
    }
    m_finished = true;
    m_error = Error::None;
    Q_EMIT finished(this);
}

void UpdateDownload::fail(Error error, const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    m_speedCheck.stop();
    if (m_file.isOpen())
        m_file.close();
    m_error = error;
    m_errorString = message;
    Q_EMIT finished(this);
}

void UpdateDownload::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

} // namespace portico::client
