#pragma once

#include <QString>

#include <stdexcept>

namespace portico::server {

// Content that reads as XML but cannot be imported: an offer for a product nobody sent, a
// price type or warehouse that is not known, a number that is not one. The import stops and
// its transaction rolls back, so the file changes nothing.
class ImportError final : public std::runtime_error
{
public:
    explicit ImportError(const QString &message)
        : std::runtime_error(message.toStdString())
    { }
};

} // namespace portico::server
