#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace portico::client {

// Downloads one installer whose size and SHA-256 a signed manifest gave, as a job: start(), then
// progress() and one finished(). The bytes go to `<target>.partial` as they come and are hashed
// on the way (no second read); an interrupted download, in this run or after a restart, resumes
// from what the partial file holds with a Range request. The size is a hard cap: a server that
// sends more is cut off at once. Below the low-speed limit for a whole window (1 KiB/s for 30 s
// by default) the download is given up as stalled, so a server that trickles or falls silent
// does not hold it forever. Only a file of exactly the manifest's size and hash becomes
// `target`; one that does not match is deleted.
class UpdateDownload final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpdateDownload)

public:
    enum class Error {
        None,
        Network, // the connection failed or broke: the partial file stays for a resume
        Http, // the server answered an error status
        TooLarge, // more bytes than the manifest's size
        Stalled, // below the low-speed limit for a whole window
        SizeMismatch, // the server ended with fewer bytes than the manifest's size
        HashMismatch, // the bytes are not the signed ones
        File, // the partial file could not be written
        Aborted,
    };
    Q_ENUM(Error)

    UpdateDownload(QNetworkAccessManager &network, QUrl url, QByteArray accessToken, QString target,
                   qint64 size, QByteArray sha256, QObject *parent = nullptr);
    ~UpdateDownload() override;

    void setLowSpeedLimit(qint64 bytesPerSecond, std::chrono::milliseconds window);
    void start();
    void abort();

    Error error() const noexcept { return m_error; }
    QString errorString() const { return m_errorString; }
    QString target() const { return m_target; }
    QString partialPath() const { return m_target + QStringLiteral(".partial"); }
    // Where this run started: the bytes a partial file already held.
    qint64 resumedFrom() const noexcept { return m_resumedFrom; }
    qint64 received() const noexcept { return m_written; }

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void finished(portico::client::UpdateDownload *download);

private:
    bool openPartial();
    void sendRequest();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void onSpeedCheck();
    void fail(Error error, const QString &message);
    void complete();
    void dropReply();

    QNetworkAccessManager &m_network;
    QUrl m_url;
    QByteArray m_accessToken;
    QString m_target;
    qint64 m_size = 0;
    QByteArray m_sha256; // lower-case hex
    QFile m_file;
    QCryptographicHash m_hash {QCryptographicHash::Sha256};
    QPointer<QNetworkReply> m_reply;
    qint64 m_written = 0;
    qint64 m_resumedFrom = 0;
    bool m_restarted = false; // a Range the server would not serve was tried once from zero
    qint64 m_limit = 1024;
    std::chrono::milliseconds m_window {30000};
    QTimer m_speedCheck;
    qint64 m_windowStartBytes = 0;
    Error m_error = Error::None;
    QString m_errorString;
    bool m_finished = false;
};

} // namespace portico::client
