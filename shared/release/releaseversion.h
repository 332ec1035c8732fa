#pragma once

#include <QString>
#include <QStringView>

#include <compare>
#include <optional>

namespace portico::release {

// A release version "major.minor.patch", compared numerically part by part. "1.4" is 1.4.0 and
// "2" is 2.0.0; anything else than one to three dot-separated runs of one to nine ASCII digits
// ("1.4.0-rc1", "v1.4", "1..2", " 1.4", "") is refused.
struct ReleaseVersion
{
    int majorPart = 0;
    int minorPart = 0;
    int patchPart = 0;

    static std::optional<ReleaseVersion> parse(QStringView text);
    // Always three parts: "1.4.0".
    QString toString() const;

    friend auto operator<=>(const ReleaseVersion &, const ReleaseVersion &) = default;
    friend bool operator==(const ReleaseVersion &, const ReleaseVersion &) = default;
};

} // namespace portico::release
