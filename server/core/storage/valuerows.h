#pragma once

#include <QString>

#include <algorithm>

namespace portico::server {

// Multi-row statements with named values: "(:v0,:v1),(:v2,:v3)". Qt binds a name with one
// lookup, where binding by position costs it a formatted placeholder name for every value.

// The name of the n-th value (":v<n>", n < 1000), made once.
const QString &valueName(int n);

// `rows` rows of `columns` values each, named from :v0 on.
QString valueRows(qsizetype rows, qsizetype columns);

// Runs `fn(first, count)` over `total` rows in statements of at most 900 values: under
// SQLite's oldest limit of 999 variables, and far under PostgreSQL's 65535.
template<typename Fn>
void forRowChunks(qsizetype total, qsizetype columns, Fn &&fn)
{
    const qsizetype chunk = std::max<qsizetype>(1, 900 / columns);
    for (qsizetype start = 0; start < total; start += chunk)
        fn(start, std::min(chunk, total - start));
}

} // namespace portico::server
