#pragma once

#include "update/updateoffer.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace portico::client {

// The chain of trust of an update: the root public key built into the program signs the list of
// release keys (with a serial, so an old list that still names a revoked key cannot be replayed),
// and a key on that list signs the release manifest. The sync server only relays the two signed
// envelopes: it holds no key that could make a desktop install anything.
//
// verify() refuses a manifest that is not signed by a valid key of a valid list, a key list older
// than the newest one seen (remembered in `trustFile`), and a manifest that is not for this
// program: not newer than the running version, another platform or channel, expired or not yet
// valid. The root key is a parameter so tests use keys of their own.
class ReleaseVerifier
{
    Q_DECLARE_TR_FUNCTIONS(ReleaseVerifier)

public:
    // What the running program is.
    struct Running
    {
        QString version;
        QString platform;
        QString channel;
    };

    struct Result
    {
        std::optional<VerifiedRelease> release;
        QString code; // the library's error, e.g. "BadSignature", "NotNewer"; empty when verified
        QString message; // for the user
    };

    ReleaseVerifier(QByteArray rootPublicKey, QString trustFile);

    Result verify(const UpdateOffer &offer, const Running &running, const QDateTime &now);
    // The highest key-list serial seen so far (0 before any).
    qint64 highestKeySerial() const;

private:
    void rememberSerial(qint64 serial);

    QByteArray m_rootPublicKey;
    QString m_trustFile;
};

} // namespace portico::client
