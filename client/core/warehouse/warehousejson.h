#pragma once

#include "warehouse/warehousetypes.h"

#include <QJsonObject>

namespace portico::client::WarehouseJson {

// A pick list as the feed and the warehouse endpoints describe it; lines sorted by bin, then
// SKU. Fields it lacks stay empty: the cache stores what the server sent, the view shows it.
PickList pickList(const QJsonObject &json);
// A count session's server-side part (its own lines as the server holds them).
CountSession countSession(const QJsonObject &json);

} // namespace portico::client::WarehouseJson
