#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace portico::test {

// A real portico-server process on 127.0.0.1 with an ephemeral port and a temporary data
// directory. The port is read from the server's "listening" log line. The server's log goes to a
// file, never to a pipe: a pipe that nobody drains while the test waits for something else fills
// up, and the server stops in the middle of writing a log line.
class TestServer final
{
public:
    explicit TestServer(QStringList extraArguments = {}, QString command = QStringLiteral("serve"));
    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    // Starts the process and waits until it listens; false (with errorString) otherwise.
    bool start(int timeoutMs = 20000);
    // SIGTERM, then waits; returns the exit code (-1 when it crashed or timed out).
    int terminate(int timeoutMs = 15000);
    void kill();

    quint16 port() const { return m_port; }
    // The server's "listening" log line of the last start (port, tls, handler_threads, ...).
    QJsonObject listening() const { return m_listening; }
    QUrl url(const QString &path = {}) const;
    QString dataDir() const { return m_dataDir.path(); }
    QString errorString() const { return m_error; }
    // Everything the server logged so far (JSON lines).
    QByteArray log();
    QProcess &process() { return m_process; }

private:
    QStringList m_arguments;
    QString m_command;
    QTemporaryDir m_dataDir;
    QTemporaryDir m_logDir;
    QString m_logPath;
    QProcess m_process;
    QByteArray m_log;
    QString m_error;
    quint16 m_port = 0;
    QJsonObject m_listening;
};

// A minimal blocking HTTP/1.1 exchange over a raw socket, for tests that must send what no
// well-behaved client would (malformed requests, truncated bodies, huge headers).
struct RawHttpReply
{
    int status = 0;
    QByteArray headers;
    QByteArray body;
    bool closed = false; // the server closed the connection without a reply
};
RawHttpReply rawHttp(quint16 port, const QByteArray &request, int timeoutMs = 10000);

} // namespace portico::test
