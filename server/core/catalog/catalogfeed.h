#pragma once

#include "storage/changefeed.h"

namespace portico::server {

// The catalog's tables whose rows are their own feed entries (storage/changefeed.h): an offers
// file rewrites every price and stock level of the catalog, and orders rewrite stock levels.
namespace CatalogFeed {

// prices: "<product>/<price type>", seen by the price type's audience.
const RowTable &prices();
// stock: "<product>/<warehouse>", seen by everyone.
const RowTable &stock();

} // namespace CatalogFeed

} // namespace portico::server
