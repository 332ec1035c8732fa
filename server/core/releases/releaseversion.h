#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <compare>
#include <optional>

namespace portico::server {

// A release's version as the manifests and the clients' X-Portico-Version header spell it:
// "major.minor.patch" (one to four non-negative numbers). Versions compare part by part, a
// missing part counting as 0, so "1.4" == "1.4.0" < "1.10.0".
class ReleaseVersion final
{
public:
    // nullopt for anything else (empty, letters, a part over 999999, more than four parts).
    static std::optional<ReleaseVersion> parse(QStringView text);
    // Whether `text` parses: for validating input.
    static bool isValid(QStringView text) { return parse(text).has_value(); }

    QString toString() const;

    friend bool operator==(const ReleaseVersion &a, const ReleaseVersion &b) { return a.compare(b) == 0; }
    friend std::strong_ordering operator<=>(const ReleaseVersion &a, const ReleaseVersion &b)
    {
        return a.compare(b) <=> 0;
    }

private:
    int compare(const ReleaseVersion &other) const;
    QList<int> m_parts;
};

} // namespace portico::server
