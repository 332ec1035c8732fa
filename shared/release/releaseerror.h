#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace portico::release {

// Why a key file, a signed key list or a signed manifest was refused.
enum class ErrorCode {
    Malformed, // not the expected JSON shape: garbage, wrong types, bad base64, oversized input
    BadSignature, // the signature does not verify with the key it names
    UnknownKey, // signed by a key that is not the expected one / not in the key list
    RevokedKey, // signed by a key the key list revokes
    WrongType, // a key list where a manifest was expected or back (domain separation)
    StaleKeyList, // the key list's serial is below the minimum the verifier has already seen
    NotNewer, // the manifest's version is equal to or older than the running one
    WrongChannel, // the manifest is for another channel (stable / beta)
    WrongPlatform, // the manifest is for another platform
    Expired, // the manifest's expires_at has passed
    NotYetValid, // the manifest's released_at lies in the future
    FileError, // a key file could not be read or written, or is readable by group or others
};

// The code's stable name: "malformed", "bad_signature", "unknown_key", ...
QString errorCodeName(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::Malformed;
    QString message; // for logs and operators, in English

    // "bad_signature: the manifest's signature does not verify"
    QString toString() const;
};

// Either a value or the reason it could not be produced.
template<typename T>
class Result final
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const noexcept { return m_data.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    // Only when ok().
    const T &value() const & { return *std::get_if<0>(&m_data); }
    T &value() & { return *std::get_if<0>(&m_data); }
    T &&value() && { return std::move(*std::get_if<0>(&m_data)); }
    // Only when !ok().
    const Error &error() const { return *std::get_if<1>(&m_data); }

private:
    std::variant<T, Error> m_data;
};

} // namespace portico::release
