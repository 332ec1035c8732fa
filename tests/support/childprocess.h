#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <sys/types.h>

namespace portico::test {

// A Unix account a child process runs as.
struct Account
{
    uid_t uid = 0;
    gid_t gid = 0;
};

struct ProgramResult
{
    int exitCode = -1; // -1 when the program did not start or was killed by a signal
    QByteArray output; // stdout and stderr, interleaved
};

// Runs `program` (an absolute path) to completion with stdin on /dev/null and stdout and stderr
// captured, in `workingDirectory` when one is given, as `account` when one is given (this
// process must be root then). Only async-signal-safe calls run between fork and exec, so any
// thread of a multi-threaded process may call it. Inherits no descriptor beyond 0, 1 and 2.
ProgramResult runProgram(const QString &program, const QStringList &arguments,
                         const QString &workingDirectory = {}, const std::optional<Account> &account = {});

// Starts `program` in a session of its own with stdio on /dev/null, not as this process's child
// (nothing needs to reap it), and returns at once. False when it could not be forked.
bool spawnDetached(const QString &program, const QStringList &arguments);

// Whether process `pid` exists and has not yet exited (a zombie counts as gone).
bool processAlive(qint64 pid);

} // namespace portico::test
