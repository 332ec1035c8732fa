#pragma once

namespace portico::server {

class BlobStore;
class Database;
class DemoSeed;

// Pictures for the demo catalog: every 20th product gets one to three drawings (SVG, made from
// its name and SKU), put into the blob store like the pictures 1C uploads, so that the desktop's
// product card has pictures to show and to page through.
namespace DemoPictures {

// Returns how many pictures were stored. Runs after the catalog is written.
int write(Database &database, BlobStore &blobs, const DemoSeed &seed, int productCount);

} // namespace DemoPictures

} // namespace portico::server
