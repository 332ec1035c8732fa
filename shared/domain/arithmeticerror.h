#pragma once

#include <stdexcept>

namespace portico {

// Thrown by Money and Quantity arithmetic when a result cannot be represented exactly
// (overflow), when currencies differ, or on division by zero. Business rules catch it and
// turn it into an explained validation failure; it never escapes to a user as a crash.
class ArithmeticError final : public std::runtime_error
{
public:
    enum class Kind { Overflow, CurrencyMismatch, DivisionByZero };

    ArithmeticError(Kind kind, const char *what)
        : std::runtime_error(what)
        , m_kind(kind)
    { }

    Kind kind() const noexcept { return m_kind; }

private:
    Kind m_kind;
};

} // namespace portico
