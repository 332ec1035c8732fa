#pragma once

#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace portico::bench {

// Wall-clock stopwatch on the steady clock.
class Stopwatch final
{
public:
    Stopwatch()
        : m_start(std::chrono::steady_clock::now())
    { }
    void restart() { m_start = std::chrono::steady_clock::now(); }
    double seconds() const
    {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }
    double milliseconds() const { return seconds() * 1000.0; }

private:
    std::chrono::steady_clock::time_point m_start;
};

// Order statistics of a sample (copied, so the caller's order is kept). Empty samples give 0.
double median(std::vector<double> values);
// Nearest-rank percentile, p in [0, 100].
double percentile(std::vector<double> values, double p);
double minimum(const std::vector<double> &values);
double maximum(const std::vector<double> &values);

// "nproc 2, Intel(R) Xeon(R) Processor, 23.4 GiB RAM, Linux 6.1.0"
QString machineDescription();

// Human-readable sizes and rates for the report.
QString bytesText(double bytes); // "12.3 MiB"
QString number(double value, int decimals = 1);

// A figure line of the report: "  name ............ value".
void printFigure(const QString &name, const QString &value);
void printHeading(const QString &text);
void printLine(const QString &text = {});

// The value of "--name VALUE" in argv, or `fallback`.
QString argument(const QStringList &arguments, const QString &name, const QString &fallback = {});
int intArgument(const QStringList &arguments, const QString &name, int fallback);
bool hasFlag(const QStringList &arguments, const QString &name);

// While alive, standard error goes to a file (the server's JSON log lines, one per request,
// as a production server writes them to its journal); restored by the destructor.
class StderrToFile final
{
public:
    explicit StderrToFile(const QString &path);
    ~StderrToFile();
    StderrToFile(const StderrToFile &) = delete;
    StderrToFile &operator=(const StderrToFile &) = delete;

private:
    int m_saved = -1;
};

} // namespace portico::bench
