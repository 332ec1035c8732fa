#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

class QTextStream;

namespace portico::release::tool {

// Exit codes of portico-release: 0 done, 1 refused or failed (a bad signature, an unreadable
// file), 2 wrong usage (unknown option, a required option missing).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

QTextStream &standardOutput();
QTextStream &standardError();

// Parses a subcommand's arguments (arguments[0] is the subcommand). Returns -1 to go on, or the
// exit code when the command is over: --help printed (0) or a usage error reported (2). Every
// option named in required must be set.
int parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &description,
                 const QStringList &required);

// "portico-release <command>: <message>" on standard error; returns code.
int fail(const QString &command, const QString &message, int code = kExitFailed);

// Writes content to path through a temporary file renamed into place.
bool writeFileAtomically(const QString &path, const QByteArray &content, QString *error);
// At most maxSize bytes of a file; nullopt-like empty optional on error (error set).
bool readFile(const QString &path, qint64 maxSize, QByteArray *content, QString *error);

int runKeygen(const QStringList &arguments);
int runSignKeys(const QStringList &arguments);
int runSign(const QStringList &arguments);
int runVerify(const QStringList &arguments);

} // namespace portico::release::tool
