// An order upload body as the server reads it: the nesting scan, QJsonDocument, then the strict
// Order decoder. Invariant: an order that decodes writes back to JSON that decodes to the same
// order (nothing is read that cannot be written, nothing is written that would read otherwise).
#include "api/jsonbody.h"
#include "protocol/codecs.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    if (portico::server::jsonNestingDepth(text) > portico::server::MaxJsonDepth)
        return 0;
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())));
    if (!document.isObject())
        return 0;
    const auto order = portico::protocol::fromJson<portico::Order>(document.object());
    if (!order)
        return 0;
    const auto again = portico::protocol::fromJson<portico::Order>(portico::protocol::toJson(order.value()));
    if (!again || !(again.value() == order.value()))
        std::abort();
    return 0;
}
