#pragma once

#include <QString>

namespace portico::rules {

// Russian taxpayer identifiers.
//
// INN (ИНН): 10 digits for an organisation (one check digit, the 10th), 12 digits for an
// individual or sole trader (two check digits, the 11th and 12th). Each check digit is
// (sum of digit_i * weight_i mod 11) mod 10 over the digits before it, with the FNS weights
//   10-digit, n10: 2 4 10 3 5 9 4 6 8
//   12-digit, n11: 7 2 4 10 3 5 9 4 6 8
//   12-digit, n12: 3 7 2 4 10 3 5 9 4 6 8
// The checksum catches most typos, not all: because of the final "mod 10", a change that moves
// the mod-11 sum between 0 and 10 keeps the same check digit.
//
// KPP (КПП): 9 characters, organisations only: 4 digits (tax office code), 2 characters of
// reason code (digits or Latin capitals A–Z), 3 digits (serial number).
//
// Validation is strict: no trimming, no separators. Callers strip spaces before asking.
enum class TaxIdField { None, Inn, Kpp };

enum class TaxIdError {
    Ok,
    Empty, // nothing entered
    NotDigits, // INN: a character other than 0-9; KPP: a non-digit in a digits-only position
    WrongLength, // INN not 10 or 12 characters; KPP not 9
    BadChecksum, // INN check digit(s) do not match
    BadReasonCode, // KPP characters 5-6 not in [0-9A-Z]
    KppRequired, // a 10-digit INN (organisation) without a KPP
    KppNotAllowed, // a KPP given with a 12-digit INN (individual)
};

struct TaxIdCheck
{
    TaxIdField field = TaxIdField::None; // which field is wrong; None when ok
    TaxIdError error = TaxIdError::Ok;

    bool ok() const noexcept { return error == TaxIdError::Ok; }
    // Stable codes for the wire and the UI: "inn.bad_checksum", "kpp.wrong_length", "ok".
    QString code() const;
    // English sentence for logs: "INN: check digit does not match".
    QString describe() const;

    friend bool operator==(const TaxIdCheck &, const TaxIdCheck &) = default;
};

TaxIdCheck validateInn(QStringView inn);
TaxIdCheck validateKpp(QStringView kpp);
// Both fields of a counterparty: the INN must be valid; a 10-digit INN needs a valid KPP; a
// 12-digit INN must come with an empty KPP. The INN is reported before the KPP.
TaxIdCheck validateInnKpp(QStringView inn, QStringView kpp);

enum class InnKind { LegalEntity, Individual };

// A valid, plausible-looking INN derived from `seed` (demo data and tests): a real tax office
// prefix, a scrambled serial and correct check digits. Deterministic; distinct seeds in
// [0, 100000) give distinct INNs of each kind.
QString generateInn(quint64 seed, InnKind kind = InnKind::LegalEntity);
// A valid KPP for an organisation registered at the tax office of `inn` (reason code "01").
// `inn` must be a valid 10-digit INN; returns an empty string otherwise.
QString kppForInn(QStringView inn, quint64 serial = 1);

} // namespace portico::rules
