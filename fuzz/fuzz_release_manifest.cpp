// Signed update documents as they arrive from the server: the envelope, the key list and the
// manifest payload. Invariant: nothing crashes, and a payload that parses serialises to one that
// parses back to the same fields.
#include "release/keylist.h"
#include "release/manifest.h"
#include "release/signedenvelope.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace portico::release;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto envelope = parseEnvelope(input)) {
        (void)verifyKeyList(envelope.value(), PublicKey {KeyRole::Root, QByteArray(kPublicKeySize, '\x01')},
                            1);
        (void)verifyManifestSignature(envelope.value(), KeyList {});
    }
    if (const auto manifest = parseManifestPayload(input)) {
        const auto again = parseManifestPayload(manifestPayload(manifest.value()));
        if (!again || again.value().sha256 != manifest.value().sha256
            || again.value().version != manifest.value().version
            || again.value().expiresAt != manifest.value().expiresAt)
            std::abort();
    }
    if (const auto list = parseKeyListPayload(input)) {
        const auto again = parseKeyListPayload(keyListPayload(list.value()));
        if (!again || again.value().serial != list.value().serial
            || again.value().keys.size() != list.value().keys.size())
            std::abort();
    }
    return 0;
}
