#pragma once

#include <QCoreApplication>
#include <QString>

namespace portico::client {

// Words the terminal shows for the warehouse's codes.
class TerminalText final
{
    Q_DECLARE_TR_FUNCTIONS(portico::client::TerminalText)

public:
    // open, picking, picked, packed, shipped, cancelled; submitted, approved, rejected
    static QString status(const QString &status);
    // damaged, not_found, short, other:<text>
    static QString reason(const QString &reason);
    static QString quantity(qint64 milli);
};

} // namespace portico::client
