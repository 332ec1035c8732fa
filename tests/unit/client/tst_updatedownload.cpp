#include "fakehttpserver.h"
#include "update/updatedownload.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace portico::client;
using namespace portico::test;
using namespace std::chrono_literals;

namespace {

QByteArray bytes(qsizetype size, char seed = 'a')
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(seed + (i * 31 + i / 13) % 26);
    return data;
}

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// Serves `file` with Range support, like the server's installer endpoint.
FakeResponse serveRange(const FakeRequest &request, const QByteArray &file)
{
    const QByteArray range = request.header("Range");
    if (range.startsWith("bytes=")) {
        const qint64 start = range.mid(6, range.indexOf('-') - 6).toLongLong();
        if (start >= file.size())
            return FakeResponse::json(416, {});
        FakeResponse response;
        response.status = 206;
        response.contentType = "application/octet-stream";
        response.body = file.mid(start);
        response.headers.append(std::pair<QByteArray, QByteArray>(
            "Content-Range",
            "bytes " + QByteArray::number(start) + '-' + QByteArray::number(file.size() - 1) + '/'
                + QByteArray::number(file.size())));
        return response;
    }
    FakeResponse response;
    response.contentType = "application/octet-stream";
    response.body = file;
    return response;
}

} // namespace

// The installer download: resumable, hashed on the way, capped at the signed size, given up when
// it stalls; only a file of the signed size and hash is kept.
class TestUpdateDownload final : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    const QByteArray m_file = bytes(3 * 1024 * 1024 + 17);

    std::unique_ptr<UpdateDownload> make(FakeHttpServer &server, const QString &name,
                                         const QByteArray &sha = {})
    {
        auto download = std::make_unique<UpdateDownload>(
            m_network, server.url().resolved(QUrl(QStringLiteral("/api/v1/updates/r1/installer"))), "token",
            m_dir.filePath(name), m_file.size(), sha.isEmpty() ? sha256(m_file) : sha);
        download->setLowSpeedLimit(1024, 400ms);
        return download;
    }

    static bool run(UpdateDownload &download, int timeoutMs = 20000)
    {
        QSignalSpy finished(&download, &UpdateDownload::finished);
        download.start();
        return finished.count() == 1 || finished.wait(timeoutMs);
    }

private Q_SLOTS:
    void downloadsAndVerifies()
    {
        FakeHttpServer server([this](const FakeRequest &request) { return serveRange(request, m_file); });
        auto download = make(server, QStringLiteral("whole.deb"));
        QSignalSpy progress(download.get(), &UpdateDownload::progress);
        QVERIFY(run(*download));
        QCOMPARE(download->error(), UpdateDownload::Error::None);
        QFile file(download->target());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_file);
        QVERIFY(!QFile::exists(download->partialPath()));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), m_file.size());
        QCOMPARE(server.requests().first().header("Authorization"), QByteArray("Bearer token"));
    }

    void resumesWhereTheLastRunStopped()
    {
        // The first run stalls after a third of the file (the connection hangs) ...
        const qint64 cut = m_file.size() / 3;
        FakeHttpServer server([this, cut](const FakeRequest &request) {
            FakeResponse response = serveRange(request, m_file);
            if (request.header("Range").isEmpty()) {
                response.mode = FakeResponse::Mode::Stall;
                response.stallAfter = cut;
            }
            return response;
        });
        {
            auto first = make(server, QStringLiteral("resumed.deb"));
            QVERIFY(run(*first));
            QCOMPARE(first->error(), UpdateDownload::Error::Stalled);
            QCOMPARE(QFile(first->partialPath()).size(), cut);
        }
        // ... a new one (as after a restart) asks only for the rest and checks the whole file.
        auto second = make(server, QStringLiteral("resumed.deb"));
        QVERIFY(run(*second));
        QCOMPARE(second->error(), UpdateDownload::Error::None);
        QCOMPARE(second->resumedFrom(), cut);
        QCOMPARE(server.requests().last().header("Range"), "bytes=" + QByteArray::number(cut) + '-');
        QFile file(second->target());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m_file);
    }

    void serverThatIgnoresRangeStartsOver()
    {
        QFile partial(m_dir.filePath(QStringLiteral("norange.deb.partial")));
        QVERIFY(partial.open(QIODevice::WriteOnly));
        partial.write(m_file.left(1000));
        partial.close();
        FakeHttpServer server([this](const FakeRequest &) {
            FakeResponse response;
            response.contentType = "application/octet-stream";
            response.body = m_file;
            return response;
        });
        auto download = make(server, QStringLiteral("norange.deb"));
        QVERIFY(run(*download));
        QCOMPARE(download->error(), UpdateDownload::Error::None);
        QCOMPARE(QFile(download->target()).size(), m_file.size());
    }

    void tamperedInstallerIsRefused()
    {
        QByteArray tampered = m_file;
        tampered[tampered.size() / 2] = char(tampered.at(tampered.size() / 2) ^ 1);
        FakeHttpServer server(
            [tampered](const FakeRequest &request) { return serveRange(request, tampered); });
        auto download = make(server, QStringLiteral("tampered.deb"));
        QVERIFY(run(*download));
        QCOMPARE(download->error(), UpdateDownload::Error::HashMismatch);
        QVERIFY(!QFile::exists(download->target()));
        QVERIFY(!QFile::exists(download->partialPath())); // never resumed either
    }

    void endlessDownloadIsCutAtTheSignedSize()
    {
        FakeHttpServer server([](const FakeRequest &) {
            FakeResponse response;
            response.mode = FakeResponse::Mode::Endless;
            response.contentType = "application/octet-stream";
            response.body = QByteArray(64 * 1024, 'x');
            return response;
        });
        auto download = make(server, QStringLiteral("endless.deb"));
        QVERIFY(run(*download, 30000));
        QCOMPARE(download->error(), UpdateDownload::Error::TooLarge);
        QVERIFY(download->received() <= m_file.size());
        QVERIFY(!QFile::exists(download->target()));
        QVERIFY(QFile(download->partialPath()).size() <= m_file.size());
    }

    void stalledDownloadIsGivenUp()
    {
        FakeHttpServer server([this](const FakeRequest &request) {
            FakeResponse response = serveRange(request, m_file);
            response.mode = FakeResponse::Mode::Stall;
            response.stallAfter = 100;
            return response;
        });
        auto download = make(server, QStringLiteral("stalled.deb"));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(run(*download));
        QCOMPARE(download->error(), UpdateDownload::Error::Stalled);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!QFile::exists(download->target()));
    }

    void shortDownloadIsNotAccepted()
    {
        FakeHttpServer server([this](const FakeRequest &) {
            FakeResponse response;
            response.contentType = "application/octet-stream";
            response.body = m_file.left(m_file.size() - 10);
            return response;
        });
        auto download = make(server, QStringLiteral("short.deb"));
        QVERIFY(run(*download));
        QCOMPARE(download->error(), UpdateDownload::Error::SizeMismatch);
        QVERIFY(!QFile::exists(download->target()));
    }
};

QTEST_GUILESS_MAIN(TestUpdateDownload)
#include "tst_updatedownload.moc"
