#include "childprocess.h"

#include <QFile>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace portico::test {

namespace {

// argv for execv, built before fork: nothing after fork may allocate.
class ArgumentVector final
{
public:
    ArgumentVector(const QString &program, const QStringList &arguments)
    {
        m_storage.push_back(QFile::encodeName(program));
        for (const auto &argument : arguments)
            m_storage.push_back(argument.toLocal8Bit());
        for (auto &item : m_storage)
            m_pointers.push_back(item.data());
        m_pointers.push_back(nullptr);
    }

    const char *program() const { return m_pointers.front(); }
    char *const *argv() const { return m_pointers.data(); }

private:
    std::vector<QByteArray> m_storage;
    std::vector<char *> m_pointers;
};

// The highest descriptor number a fallback close loop has to cover.
int descriptorLimit()
{
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > 65536)
        return 65536;
    return static_cast<int>(limit.rlim_cur);
}

// In a forked child: closes every descriptor from 3 up.
void closeDescriptorsFrom3(int limit)
{
    if (::close_range(3, ~0U, 0) == 0)
        return;
    for (int fd = 3; fd < limit; ++fd)
        ::close(fd);
}

} // namespace

ProgramResult runProgram(const QString &program, const QStringList &arguments,
                         const QString &workingDirectory, const std::optional<Account> &account)
{
    ProgramResult result;
    const ArgumentVector argv(program, arguments);
    const QByteArray directory = QFile::encodeName(workingDirectory);
    const int limit = descriptorLimit();
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    int pipeFds[2] = {-1, -1};
    if (devNull < 0 || ::pipe2(pipeFds, O_CLOEXEC) != 0) {
        if (devNull >= 0)
            ::close(devNull);
        result.output = "cannot create a pipe";
        return result;
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(devNull, STDIN_FILENO);
        ::dup2(pipeFds[1], STDOUT_FILENO);
        ::dup2(pipeFds[1], STDERR_FILENO);
        closeDescriptorsFrom3(limit);
        if (!directory.isEmpty() && ::chdir(directory.constData()) != 0)
            ::_exit(126);
        if (account
            && (::setgroups(0, nullptr) != 0 || ::setgid(account->gid) != 0 || ::setuid(account->uid) != 0))
            ::_exit(126);
        ::execv(argv.program(), argv.argv());
        ::_exit(127);
    }
    ::close(devNull);
    ::close(pipeFds[1]);
    if (pid < 0) {
        ::close(pipeFds[0]);
        result.output = "cannot fork";
        return result;
    }
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(pipeFds[0], buffer, sizeof buffer);
        if (n > 0)
            result.output.append(buffer, static_cast<qsizetype>(n));
        else if (n == 0 || errno != EINTR)
            break;
    }
    ::close(pipeFds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return result;
    }
    if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    return result;
}

bool spawnDetached(const QString &program, const QStringList &arguments)
{
    const ArgumentVector argv(program, arguments);
    const int limit = descriptorLimit();
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devNull < 0)
        return false;
    const pid_t child = ::fork();
    if (child == 0) {
        ::setsid();
        if (::fork() != 0)
            ::_exit(0);
        ::dup2(devNull, STDIN_FILENO);
        ::dup2(devNull, STDOUT_FILENO);
        ::dup2(devNull, STDERR_FILENO);
        closeDescriptorsFrom3(limit);
        if (::chdir("/") != 0)
            ::_exit(126);
        ::execv(argv.program(), argv.argv());
        ::_exit(127);
    }
    ::close(devNull);
    if (child < 0)
        return false;
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR)
            return false;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        // "pid (comm) S ...": the state follows the last ')'; comm may itself hold ')'.
        const QByteArray line = stat.readAll();
        const auto paren = line.lastIndexOf(')');
        if (paren < 0 || paren + 2 >= line.size())
            return true;
        const char state = line.at(paren + 2);
        return state != 'Z' && state != 'X';
    }
    if (QFile::exists(QStringLiteral("/proc/self/stat")))
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

} // namespace portico::test
