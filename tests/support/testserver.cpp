#include "testserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <csignal>
#include <sys/prctl.h>

namespace portico::test {

TestServer::TestServer(QStringList extraArguments, QString command)
    : m_arguments(std::move(extraArguments))
    , m_command(std::move(command))
{
    // A test that aborts (a failed assertion, a crash, a CTest timeout) takes its server along.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_logPath = m_logDir.filePath(QStringLiteral("server.log"));
    m_process.setStandardErrorFile(m_logPath, QIODevice::Append);
}

TestServer::~TestServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool TestServer::start(int timeoutMs)
{
    QStringList args {m_command, QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--data-dir"), m_dataDir.path()};
    args += m_arguments;
    m_process.start(QStringLiteral(PORTICO_SERVER_BINARY), args);
    if (!m_process.waitForStarted(timeoutMs)) {
        m_error = m_process.errorString();
        return false;
    }
    // A restart (after kill or terminate) reads only what this run logs.
    const qsizetype runStart = log().size();
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const bool running = m_process.state() != QProcess::NotRunning;
        const auto lines = log().mid(runStart).split('\n');
        for (const auto &line : lines) {
            const auto object = QJsonDocument::fromJson(line).object();
            if (object.value(QStringLiteral("msg")).toString() == QLatin1String("listening")) {
                m_listening = object;
                m_port = static_cast<quint16>(object.value(QStringLiteral("port")).toInt());
                return m_port != 0;
            }
        }
        if (!running)
            break;
        m_process.waitForFinished(20); // a pause that notices the process ending
    }
    m_error = QStringLiteral("server did not start listening: ") + QString::fromUtf8(log());
    return false;
}

int TestServer::terminate(int timeoutMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(timeoutMs))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

void TestServer::kill()
{
    m_process.kill();
    m_process.waitForFinished(5000);
}

QUrl TestServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
}

QByteArray TestServer::log()
{
    QFile file(m_logPath);
    if (file.open(QIODevice::ReadOnly))
        m_log = file.readAll();
    return m_log;
}

RawHttpReply rawHttp(quint16 port, const QByteArray &request, int timeoutMs)
{
    RawHttpReply reply;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs)) {
        reply.closed = true;
        return reply;
    }
    socket.write(request);
    socket.flush();
    QByteArray data;
    QDeadlineTimer deadline(timeoutMs);
    qsizetype headerEnd = -1;
    qint64 contentLength = -1;
    while (!deadline.hasExpired()) {
        if (headerEnd >= 0 && contentLength >= 0 && data.size() - headerEnd - 4 >= contentLength)
            break;
        if (!socket.waitForReadyRead(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())))) {
            if (socket.state() != QAbstractSocket::ConnectedState)
                break;
            continue;
        }
        data += socket.readAll();
        if (headerEnd < 0) {
            headerEnd = data.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                const auto lines = data.left(headerEnd).split('\n');
                for (const auto &line : lines) {
                    if (line.toLower().startsWith("content-length:"))
                        contentLength = line.mid(15).trimmed().toLongLong();
                }
            }
        }
    }
    data += socket.readAll();
    if (data.isEmpty()) {
        reply.closed = true;
        return reply;
    }
    headerEnd = data.indexOf("\r\n\r\n");
    reply.headers = data.left(headerEnd);
    reply.body = headerEnd >= 0 ? data.mid(headerEnd + 4) : QByteArray();
    const auto statusLine = reply.headers.left(reply.headers.indexOf('\r'));
    reply.status = statusLine.split(' ').value(1).toInt();
    return reply;
}

} // namespace portico::test
