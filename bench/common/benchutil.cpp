#include "benchutil.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>

namespace portico::bench {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QString firstMatch(const QString &path, const QString &key)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(key)) {
            const auto colon = line.indexOf(QLatin1Char(':'));
            return colon < 0 ? QString() : line.mid(colon + 1).trimmed();
        }
    }
    return {};
}

} // namespace

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
    const auto index
        = static_cast<std::size_t>(std::clamp(rank, 1.0, static_cast<double>(values.size()))) - 1;
    return values[index];
}

double minimum(const std::vector<double> &values)
{
    return values.empty() ? 0 : *std::min_element(values.begin(), values.end());
}

double maximum(const std::vector<double> &values)
{
    return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

QString machineDescription()
{
    const QString model = firstMatch(QStringLiteral("/proc/cpuinfo"), QStringLiteral("model name"));
    const QString memory = firstMatch(QStringLiteral("/proc/meminfo"), QStringLiteral("MemTotal"));
    const double kib = memory.section(QLatin1Char(' '), 0, 0).toDouble();
    utsname name {};
    ::uname(&name);
    return QStringLiteral("nproc %1, %2, %3 GiB RAM, %4 %5")
        .arg(std::thread::hardware_concurrency())
        .arg(model.isEmpty() ? QStringLiteral("unknown CPU") : model)
        .arg(number(kib / 1024.0 / 1024.0))
        .arg(QString::fromLocal8Bit(name.sysname), QString::fromLocal8Bit(name.release));
}

QString bytesText(double bytes)
{
    if (bytes >= 1024.0 * 1024.0)
        return number(bytes / 1024.0 / 1024.0, 1) + QStringLiteral(" MiB");
    if (bytes >= 1024.0)
        return number(bytes / 1024.0, 1) + QStringLiteral(" KiB");
    return number(bytes, 0) + QStringLiteral(" B");
}

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

void printFigure(const QString &name, const QString &value)
{
    QString padded = QStringLiteral("  ") + name + QLatin1Char(' ');
    while (padded.size() < 58)
        padded += QLatin1Char('.');
    out() << padded << QLatin1Char(' ') << value << Qt::endl;
}

void printHeading(const QString &text)
{
    out() << Qt::endl << QStringLiteral("== ") << text << Qt::endl;
}

void printLine(const QString &text)
{
    out() << text << Qt::endl;
}

QString argument(const QStringList &arguments, const QString &name, const QString &fallback)
{
    const auto index = arguments.indexOf(name);
    if (index < 0 || index + 1 >= arguments.size())
        return fallback;
    return arguments.at(index + 1);
}

int intArgument(const QStringList &arguments, const QString &name, int fallback)
{
    bool ok = false;
    const int value = argument(arguments, name).toInt(&ok);
    return ok ? value : fallback;
}

bool hasFlag(const QStringList &arguments, const QString &name)
{
    return arguments.contains(name);
}

StderrToFile::StderrToFile(const QString &path)
{
    std::fflush(stderr);
    const int fd
        = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    m_saved = ::dup(STDERR_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
}

StderrToFile::~StderrToFile()
{
    if (m_saved < 0)
        return;
    std::fflush(stderr);
    ::dup2(m_saved, STDERR_FILENO);
    ::close(m_saved);
}

} // namespace portico::bench
