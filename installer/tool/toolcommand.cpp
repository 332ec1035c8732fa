#include "toolcommand.h"

#include <QFile>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>

namespace portico::release::tool {

QTextStream &standardOutput()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &standardError()
{
    static QTextStream stream(stderr);
    return stream;
}

int parseCommand(QCommandLineParser &parser, const QStringList &arguments, const QString &description,
                 const QStringList &required)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help = parser.addHelpOption();
    const QString command = arguments.value(0);
    if (!parser.parse(arguments)) {
        standardError() << parser.errorText() << Qt::endl;
        standardError() << "Run: portico-release " << command << " --help" << Qt::endl;
        return kExitUsage;
    }
    if (parser.isSet(help)) {
        // Qt names the program by its path on the usage line; the command reads better.
        const QString text = parser.helpText();
        standardOutput() << "Usage: portico-release " << command << " [options]"
                         << text.mid(text.indexOf(u'\n'));
        standardOutput().flush();
        return kExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(command,
                    QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()),
                    kExitUsage);
    for (const QString &name : required) {
        if (!parser.isSet(name))
            return fail(command, QStringLiteral("--%1 is required (see --help)").arg(name), kExitUsage);
    }
    return -1;
}

int fail(const QString &command, const QString &message, int code)
{
    standardError() << "portico-release " << command << ": " << message << Qt::endl;
    return code;
}

bool writeFileAtomically(const QString &path, const QByteArray &content, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool readFile(const QString &path, qint64 maxSize, QByteArray *content, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *content = file.read(maxSize + 1);
    if (content->size() > maxSize) {
        *error = QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(maxSize);
        return false;
    }
    return true;
}

} // namespace portico::release::tool
