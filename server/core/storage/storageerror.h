#pragma once

#include <QString>

#include <stdexcept>

namespace portico::server {

// A database operation failed: the statement, and the driver's words. Handlers let it escape
// to the router, which answers 500 (or 503 when the database does not answer) and logs it.
class StorageError final : public std::runtime_error
{
public:
    explicit StorageError(const QString &message)
        : std::runtime_error(message.toStdString())
    { }
};

} // namespace portico::server
