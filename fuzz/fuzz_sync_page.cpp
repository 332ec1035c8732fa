// A pull page as the desktop reads it from the server (or from whatever answers in its place).
// Invariants of a page that parses: every change names an entity and an id, and a tombstone
// carries no data.
#include "sync/syncpage.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto page = portico::client::parseSyncPage(body, &error);
    if (!page) {
        if (error.isEmpty())
            std::abort(); // a refusal always says why
        return 0;
    }
    for (const auto &change : page->changes) {
        if (change.entity.isEmpty() || change.id.isEmpty() || (change.deleted && !change.data.isEmpty()))
            std::abort();
    }
    return 0;
}
