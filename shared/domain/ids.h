#pragma once

#include <QString>
#include <QUuid>

namespace portico {

// Portico's own identifiers are UUIDs. The accounting system's identifiers ("Ид" in
// CommerceML, often "guid#guid" for characteristics) are kept apart as ExternalId and are
// never used as keys between Portico's own records.
using Id = QUuid;
using ExternalId = QString;

} // namespace portico
