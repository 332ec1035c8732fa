#include "postgrescluster.h"

#include "storage/database.h"
#include "storage/databaseconfig.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>
#include <QVersionNumber>

#include <algorithm>
#include <arpa/inet.h>
#include <csignal>
#include <filesystem>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <system_error>
#include <thread>
#include <unistd.h>

namespace portico::test {

namespace {

using namespace std::chrono_literals;

constexpr auto ClusterPrefix = "portico-pg-";

QString dataDirectory(const QString &directory)
{
    return directory + QStringLiteral("/data");
}

QString postmasterPidFile(const QString &directory)
{
    return dataDirectory(directory) + QStringLiteral("/postmaster.pid");
}

// The account initdb and postgres run as: our own unless we are root, which they refuse.
bool serverAccount(std::optional<Account> &account, QString *error)
{
    account.reset();
    if (::geteuid() != 0)
        return true;
    for (const char *name : {"postgres", "nobody"}) {
        if (const passwd *entry = ::getpwnam(name); entry && entry->pw_uid != 0) {
            account = Account {entry->pw_uid, entry->pw_gid};
            return true;
        }
    }
    *error = QStringLiteral("running as root, but there is no `postgres` user to run PostgreSQL as");
    return false;
}

// Whether a user other than the owner can reach entries of `path` (every ancestor o+x).
bool searchableByOthers(const QString &path)
{
    QDir dir(path);
    for (;;) {
        if (!QFileInfo(dir.absolutePath()).permission(QFileDevice::ExeOther))
            return false;
        if (dir.isRoot())
            return true;
        dir.cdUp();
    }
}

// Where cluster directories go: the temporary directory, unless the Unix socket path would get
// too long (108 bytes) or the server's account could not reach it.
QString temporaryBase(bool otherAccount)
{
    const QString base = QDir::tempPath();
    if (base.size() > 64 || (otherAccount && !searchableByOthers(base)))
        return QStringLiteral("/tmp");
    return base;
}

// A port on 127.0.0.1 that nothing listens on right now.
quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

// Parallel test processes share one cluster, and every server under test opens a connection
// per worker thread (one per core): allow for ctest -j <cores> servers of <cores> workers.
int maxConnections()
{
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::clamp(64 * cores, 300, 2000);
}

qint64 postmasterPid(const QString &directory)
{
    QFile file(postmasterPidFile(directory));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readLine().trimmed().toLongLong();
}

QByteArray tail(const QByteArray &text, qsizetype bytes = 2000)
{
    return text.size() <= bytes ? text : text.right(bytes);
}

QByteArray readFrom(const QString &path, qint64 offset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    return file.readAll();
}

void removeTree(const QString &path)
{
    std::error_code error;
    std::filesystem::remove_all(std::filesystem::path(QFile::encodeName(path).toStdString()), error);
}

} // namespace

PostgresCluster::PostgresCluster() = default;

PostgresCluster::~PostgresCluster()
{
    if (!m_released)
        stop();
}

QString PostgresCluster::binDirectory()
{
    const auto hasServer = [](const QString &dir) {
        return !dir.isEmpty() && QFileInfo(dir + QStringLiteral("/initdb")).isExecutable()
            && QFileInfo(dir + QStringLiteral("/pg_ctl")).isExecutable()
            && QFileInfo(dir + QStringLiteral("/postgres")).isExecutable();
    };
    const QString pgConfig = QStandardPaths::findExecutable(QStringLiteral("pg_config"));
    if (!pgConfig.isEmpty()) {
        const auto result = runProgram(pgConfig, {QStringLiteral("--bindir")});
        const QString dir = QString::fromLocal8Bit(result.output).trimmed();
        if (result.exitCode == 0 && hasServer(dir))
            return dir;
    }
    const QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QString best;
    QVersionNumber bestVersion;
    const auto entries = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const auto &entry : entries) {
        const QString dir = versions.filePath(entry) + QStringLiteral("/bin");
        const auto version = QVersionNumber::fromString(entry);
        if (hasServer(dir) && (best.isEmpty() || version > bestVersion)) {
            best = dir;
            bestVersion = version;
        }
    }
    if (!best.isEmpty())
        return best;
    const QString initdb = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    const QString dir = initdb.isEmpty() ? QString() : QFileInfo(initdb).absolutePath();
    return hasServer(dir) ? dir : QString();
}

bool PostgresCluster::start(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    m_error.clear();
    m_binDir = binDirectory();
    if (m_binDir.isEmpty()) {
        m_error = QStringLiteral(
            "PostgreSQL server programs not found (pg_config --bindir, /usr/lib/postgresql/*/bin); "
            "scripts/install-deps installs them");
        return false;
    }
    if (!serverAccount(m_account, &m_error) || !createDirectory() || !initialize() || !writeConfiguration())
        return false;
    if (!startServer(static_cast<int>(deadline.remainingTime())))
        return false;
    m_running = true;
    return waitUntilAccepting(static_cast<int>(qMax<qint64>(1000, deadline.remainingTime())));
}

bool PostgresCluster::createDirectory()
{
    QByteArray path = QFile::encodeName(temporaryBase(m_account.has_value()) + QLatin1Char('/')
                                        + QLatin1String(ClusterPrefix) + QStringLiteral("XXXXXX"));
    if (!::mkdtemp(path.data())) {
        m_error
            = QStringLiteral("cannot create a directory for the cluster: ") + QString::fromLocal8Bit(path);
        return false;
    }
    m_directory = QFile::decodeName(path);
    if (m_account && ::chown(path.constData(), m_account->uid, m_account->gid) != 0) {
        m_error = QStringLiteral("cannot hand %1 to the postgres user").arg(m_directory);
        return false;
    }
    return true;
}

bool PostgresCluster::initialize()
{
    const auto result = runProgram(m_binDir + QStringLiteral("/initdb"),
                                   {QStringLiteral("-D"), dataDirectory(m_directory), QStringLiteral("-U"),
                                    QStringLiteral("postgres"), QStringLiteral("--auth=trust"),
                                    QStringLiteral("--locale=C"), QStringLiteral("--encoding=UTF8"),
                                    QStringLiteral("--no-sync")},
                                   m_directory, m_account);
    if (result.exitCode != 0) {
        m_error = QStringLiteral("initdb failed: ") + QString::fromLocal8Bit(tail(result.output));
        return false;
    }
    return true;
}

bool PostgresCluster::writeConfiguration()
{
    const QString data = dataDirectory(m_directory);
    QFile config(data + QStringLiteral("/postgresql.conf"));
    QFile hba(data + QStringLiteral("/pg_hba.conf"));
    QString socketDir = m_directory;
    socketDir.replace(QLatin1Char('\''), QStringLiteral("''"));
    const QByteArray settings = QStringLiteral("\n# portico test cluster\n"
                                               "listen_addresses = '127.0.0.1'\n"
                                               "unix_socket_directories = '%1'\n"
                                               "fsync = off\n"
                                               "synchronous_commit = off\n"
                                               "full_page_writes = off\n"
                                               "max_connections = %2\n"
                                               "max_parallel_workers_per_gather = 0\n")
                                    .arg(socketDir, QString::number(maxConnections()))
                                    .toUtf8();
    // Trust, but only over the private socket directory and 127.0.0.1.
    const QByteArray rules = "local all all trust\n"
                             "host all all 127.0.0.1/32 trust\n";
    if (!config.open(QIODevice::Append) || config.write(settings) != settings.size()
        || !hba.open(QIODevice::WriteOnly | QIODevice::Truncate) || hba.write(rules) != rules.size()) {
        m_error = QStringLiteral("cannot write the configuration in ") + data;
        return false;
    }
    return true;
}

bool PostgresCluster::startServer(int timeoutMs)
{
    const QString log = m_directory + QStringLiteral("/postgres.log");
    const int seconds = qMax(5, timeoutMs / 1000);
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = freePort();
        if (m_port == 0) {
            m_error = QStringLiteral("no free port on 127.0.0.1");
            return false;
        }
        const qint64 logOffset = QFileInfo(log).size();
        const auto result
            = runProgram(m_binDir + QStringLiteral("/pg_ctl"),
                         {QStringLiteral("-D"), dataDirectory(m_directory), QStringLiteral("-l"), log,
                          QStringLiteral("-o"), QStringLiteral("-p %1").arg(m_port), QStringLiteral("-w"),
                          QStringLiteral("-t"), QString::number(seconds), QStringLiteral("start")},
                         m_directory, m_account);
        if (result.exitCode == 0)
            return true;
        const QByteArray logged = readFrom(log, logOffset);
        // Another process took the port between our probe and the server's bind: next port.
        if (logged.contains("could not bind") || logged.contains("Address already in use"))
            continue;
        m_error = QStringLiteral("pg_ctl start failed: %1\n%2")
                      .arg(QString::fromLocal8Bit(tail(result.output)), QString::fromLocal8Bit(tail(logged)));
        return false;
    }
    m_error = QStringLiteral("pg_ctl start failed: no port stayed free");
    return false;
}

bool PostgresCluster::waitUntilAccepting(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        QString error;
        if (postgres::execute(baseUrl(), QStringLiteral("SELECT 1"), &error))
            return true;
        if (deadline.hasExpired()) {
            m_error = QStringLiteral("the server does not accept connections: ") + error;
            return false;
        }
        std::this_thread::sleep_for(100ms);
    }
}

void PostgresCluster::stop()
{
    if (m_running) {
        runProgram(m_binDir + QStringLiteral("/pg_ctl"),
                   {QStringLiteral("-D"), dataDirectory(m_directory), QStringLiteral("-m"),
                    QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("-t"), QStringLiteral("60"),
                    QStringLiteral("stop")},
                   m_directory, m_account);
        m_running = false;
    }
    removeDirectory();
}

void PostgresCluster::removeDirectory()
{
    if (m_directory.isEmpty())
        return;
    if (processAlive(postmasterPid(m_directory)))
        stopDirectory(m_directory);
    removeTree(m_directory);
    m_directory.clear();
}

bool PostgresCluster::stopWhenProcessEnds(qint64 pid)
{
    return m_running
        && spawnDetached(QStringLiteral(PORTICO_TEST_PG_TOOL),
                         {QStringLiteral("watch"), m_directory, QString::number(pid)});
}

QString PostgresCluster::baseUrl() const
{
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/").arg(m_port);
}

QString PostgresCluster::createDatabase(const QString &name)
{
    if (!postgres::createDatabase(baseUrl(), name, &m_error))
        return {};
    return postgres::databaseUrl(baseUrl(), name);
}

bool PostgresCluster::dropDatabase(const QString &name)
{
    return postgres::dropDatabase(baseUrl(), name, &m_error);
}

void PostgresCluster::stopDirectory(const QString &directory)
{
    const QFileInfo info(directory);
    // Only ever a directory this class created: a damaged state file must not delete anything else.
    if (directory.isEmpty() || !info.isAbsolute()
        || !info.fileName().startsWith(QLatin1String(ClusterPrefix)))
        return;
    if (QFileInfo::exists(postmasterPidFile(directory))) {
        std::optional<Account> account;
        struct stat owner
        {
        };
        if (::geteuid() == 0 && ::stat(QFile::encodeName(dataDirectory(directory)).constData(), &owner) == 0
            && owner.st_uid != 0)
            account = Account {owner.st_uid, owner.st_gid};
        const QString binDir = binDirectory();
        if (!binDir.isEmpty())
            runProgram(binDir + QStringLiteral("/pg_ctl"),
                       {QStringLiteral("-D"), dataDirectory(directory), QStringLiteral("-m"),
                        QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("-t"),
                        QStringLiteral("30"), QStringLiteral("stop")},
                       directory, account);
        // pg_ctl missing or refused: SIGQUIT is the postmaster's immediate shutdown.
        const qint64 pid = postmasterPid(directory);
        if (processAlive(pid)) {
            ::kill(static_cast<pid_t>(pid), SIGQUIT);
            const QDeadlineTimer deadline(10000);
            while (processAlive(pid) && !deadline.hasExpired())
                std::this_thread::sleep_for(50ms);
        }
    }
    removeTree(directory);
}

void PostgresCluster::watch(const QString &directory, qint64 ownerPid)
{
    while (QFileInfo::exists(postmasterPidFile(directory))) {
        if (!processAlive(ownerPid)) {
            stopDirectory(directory);
            return;
        }
        std::this_thread::sleep_for(250ms);
    }
}

namespace postgres {

QString databaseUrl(const QString &baseUrl, const QString &name)
{
    QUrl url(baseUrl);
    url.setPath(QLatin1Char('/') + name);
    return url.toString(QUrl::FullyEncoded);
}

bool execute(const QString &baseUrl, const QString &statement, QString *error)
{
    QString maintenance = QUrl(baseUrl).path().mid(1);
    if (maintenance.isEmpty())
        maintenance = QStringLiteral("postgres");
    const auto config = server::DatabaseConfig::fromUrl(databaseUrl(baseUrl, maintenance), error);
    if (!config)
        return false;
    try {
        server::Database admin(*config);
        server::execSql(admin.connection(), statement);
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return false;
    }
}

namespace {
bool validName(const QString &name, QString *error)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    if (pattern.match(name).hasMatch())
        return true;
    if (error)
        *error = QStringLiteral("not a plain database name: ") + name;
    return false;
}
} // namespace

bool createDatabase(const QString &baseUrl, const QString &name, QString *error)
{
    return validName(name, error)
        && execute(baseUrl, QStringLiteral("CREATE DATABASE \"%1\"").arg(name), error);
}

bool dropDatabase(const QString &baseUrl, const QString &name, QString *error)
{
    return validName(name, error)
        && execute(baseUrl, QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name), error);
}

} // namespace postgres

bool SharedClusterState::save(const QString &stateDirectory) const
{
    QDir().mkpath(stateDirectory);
    QSaveFile file(stateDirectory + QStringLiteral("/cluster"));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(
        (QStringLiteral("url=") + baseUrl + QStringLiteral("\ndirectory=") + directory + QLatin1Char('\n'))
            .toUtf8());
    return file.commit();
}

std::optional<SharedClusterState> SharedClusterState::load(const QString &stateDirectory)
{
    QFile file(stateDirectory + QStringLiteral("/cluster"));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    SharedClusterState state;
    const auto lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const auto &line : lines) {
        if (line.startsWith(QLatin1String("url=")))
            state.baseUrl = line.mid(4);
        else if (line.startsWith(QLatin1String("directory=")))
            state.directory = line.mid(10);
    }
    if (state.baseUrl.isEmpty())
        return std::nullopt;
    return state;
}

void SharedClusterState::remove(const QString &stateDirectory)
{
    QFile::remove(stateDirectory + QStringLiteral("/cluster"));
}

} // namespace portico::test
