#include "rules/taxid.h"

#include <array>
#include <span>

namespace portico::rules {

namespace {

constexpr std::array<int, 9> kWeights10 {2, 4, 10, 3, 5, 9, 4, 6, 8};
constexpr std::array<int, 10> kWeights11 {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
constexpr std::array<int, 11> kWeights12 {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

bool isAsciiDigit(QChar c) noexcept
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isAsciiUpper(QChar c) noexcept
{
    return c.unicode() >= u'A' && c.unicode() <= u'Z';
}

int digitAt(QStringView text, qsizetype i) noexcept
{
    return text.at(i).unicode() - u'0';
}

// (sum of digit_i * weight_i mod 11) mod 10 over the first weights.size() digits.
int checkDigit(QStringView digits, std::span<const int> weights) noexcept
{
    int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i)
        sum += digitAt(digits, static_cast<qsizetype>(i)) * weights[i];
    return sum % 11 % 10;
}

TaxIdCheck innError(TaxIdError error)
{
    return TaxIdCheck {TaxIdField::Inn, error};
}

TaxIdCheck kppError(TaxIdError error)
{
    return TaxIdCheck {TaxIdField::Kpp, error};
}

QChar digitChar(int d)
{
    return QChar(static_cast<char16_t>(u'0' + d));
}

// Zero-padded decimal of `value`, exactly `width` characters (value < 10^width).
QString padded(quint64 value, int width)
{
    return QString::number(value).rightJustified(width, QLatin1Char('0'));
}

// Tax office codes of real inspectorates (Moscow, St Petersburg, Moscow region, Novosibirsk,
// Yekaterinburg, Kazan, Krasnodar, Nizhny Novgorod, Rostov, Ufa), so demo INNs look familiar.
constexpr std::array<const char *, 20> kTaxOffices {
    "7701", "7705", "7710", "7714", "7719", "7727", "7736", "7743", "7802", "7810",
    "7825", "5003", "5024", "5407", "6658", "1655", "2310", "5260", "6164", "0274",
};

} // namespace

QString TaxIdCheck::code() const
{
    QString prefix;
    switch (field) {
    case TaxIdField::None:
        break;
    case TaxIdField::Inn:
        prefix = QStringLiteral("inn.");
        break;
    case TaxIdField::Kpp:
        prefix = QStringLiteral("kpp.");
        break;
    }
    switch (error) {
    case TaxIdError::Ok:
        return QStringLiteral("ok");
    case TaxIdError::Empty:
        return prefix + QStringLiteral("empty");
    case TaxIdError::NotDigits:
        return prefix + QStringLiteral("not_digits");
    case TaxIdError::WrongLength:
        return prefix + QStringLiteral("wrong_length");
    case TaxIdError::BadChecksum:
        return prefix + QStringLiteral("bad_checksum");
    case TaxIdError::BadReasonCode:
        return prefix + QStringLiteral("bad_reason_code");
    case TaxIdError::KppRequired:
        return prefix + QStringLiteral("required");
    case TaxIdError::KppNotAllowed:
        return prefix + QStringLiteral("not_allowed");
    }
    return prefix + QStringLiteral("unknown");
}

QString TaxIdCheck::describe() const
{
    const QString name = field == TaxIdField::Kpp ? QStringLiteral("KPP") : QStringLiteral("INN");
    switch (error) {
    case TaxIdError::Ok:
        return QStringLiteral("valid");
    case TaxIdError::Empty:
        return name + QStringLiteral(": empty");
    case TaxIdError::NotDigits:
        return name + QStringLiteral(": contains characters other than digits");
    case TaxIdError::WrongLength:
        return field == TaxIdField::Kpp ? QStringLiteral("KPP: must be 9 characters")
                                        : QStringLiteral("INN: must be 10 or 12 digits");
    case TaxIdError::BadChecksum:
        return QStringLiteral("INN: check digit does not match");
    case TaxIdError::BadReasonCode:
        return QStringLiteral("KPP: reason code (characters 5-6) must be digits or letters A-Z");
    case TaxIdError::KppRequired:
        return QStringLiteral("KPP: required for an organisation (10-digit INN)");
    case TaxIdError::KppNotAllowed:
        return QStringLiteral("KPP: must be empty for an individual (12-digit INN)");
    }
    return name + QStringLiteral(": invalid");
}

TaxIdCheck validateInn(QStringView inn)
{
    if (inn.isEmpty())
        return innError(TaxIdError::Empty);
    for (QChar c : inn) {
        if (!isAsciiDigit(c))
            return innError(TaxIdError::NotDigits);
    }
    if (inn.size() == 10) {
        if (checkDigit(inn, kWeights10) != digitAt(inn, 9))
            return innError(TaxIdError::BadChecksum);
        return {};
    }
    if (inn.size() == 12) {
        if (checkDigit(inn, kWeights11) != digitAt(inn, 10)
            || checkDigit(inn, kWeights12) != digitAt(inn, 11))
            return innError(TaxIdError::BadChecksum);
        return {};
    }
    return innError(TaxIdError::WrongLength);
}

TaxIdCheck validateKpp(QStringView kpp)
{
    if (kpp.isEmpty())
        return kppError(TaxIdError::Empty);
    if (kpp.size() != 9)
        return kppError(TaxIdError::WrongLength);
    for (qsizetype i : {0, 1, 2, 3, 6, 7, 8}) {
        if (!isAsciiDigit(kpp.at(i)))
            return kppError(TaxIdError::NotDigits);
    }
    for (qsizetype i : {4, 5}) {
        if (!isAsciiDigit(kpp.at(i)) && !isAsciiUpper(kpp.at(i)))
            return kppError(TaxIdError::BadReasonCode);
    }
    return {};
}

TaxIdCheck validateInnKpp(QStringView inn, QStringView kpp)
{
    const TaxIdCheck innCheck = validateInn(inn);
    if (!innCheck.ok())
        return innCheck;
    if (inn.size() == 12)
        return kpp.isEmpty() ? TaxIdCheck {} : kppError(TaxIdError::KppNotAllowed);
    if (kpp.isEmpty())
        return kppError(TaxIdError::KppRequired);
    return validateKpp(kpp);
}

QString generateInn(quint64 seed, InnKind kind)
{
    // serial = (seed * a + c) mod 10^k with a coprime to 10 is a bijection on [0, 10^k), so
    // distinct seeds below 10^k give distinct serials whatever the office prefix.
    const QString office = QLatin1String(kTaxOffices[seed % kTaxOffices.size()]);
    if (kind == InnKind::LegalEntity) {
        constexpr quint64 modulus = 100000;
        const quint64 serial = (seed % modulus * 38371 + 12345) % modulus;
        QString inn = office + padded(serial, 5);
        inn.append(digitChar(checkDigit(inn, kWeights10)));
        return inn;
    }
    constexpr quint64 modulus = 1000000;
    const quint64 serial = (seed % modulus * 384773 + 271828) % modulus;
    QString inn = office + padded(serial, 6);
    inn.append(digitChar(checkDigit(inn, kWeights11)));
    inn.append(digitChar(checkDigit(inn, kWeights12)));
    return inn;
}

QString kppForInn(QStringView inn, quint64 serial)
{
    if (inn.size() != 10 || !validateInn(inn).ok())
        return {};
    return inn.left(4).toString() + QStringLiteral("01") + padded(serial % 1000, 3);
}

} // namespace portico::rules
