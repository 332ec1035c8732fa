#pragma once

#include "domain/ids.h"
#include "exchange/importcounts.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace portico::server {

struct Services;

// Imports one exchange file (CommerceML, or CSV by its .csv name) in one write transaction:
// it imports whole or not at all. What the file is, is read from its content. Images it
// names under import_files/ are put into the blob store first (content-addressed, so an
// image put by a failed import is just an unreferenced blob). Used by the `/exchange/1c`
// protocol and by `portico-server import`.
class ExchangeImporter final
{
public:
    using Published = std::function<void(const QStringList &audiences)>;

    ExchangeImporter(Services &services, Published published);

    struct File
    {
        QString path; // absolute
        QString folder; // where import_files/ is looked for; the file's folder when empty
        QString sessionId; // marks imported products for `deactivate`; may be empty
        Id userId; // who the order history names for changes from 1C
        bool documents = true; // whether orders from 1C are accepted
    };

    // Throws CommerceMLError, ImportError, StorageError, BlobError.
    ImportCounts importFile(const File &file);
    // Products of the accounting system that the session did not import become inactive.
    int deactivate(const QString &sessionId);

private:
    QHash<QString, QString> putImages(const QString &folder, ImportCounts &counts);

    Services &m_services;
    Published m_published;
};

} // namespace portico::server
