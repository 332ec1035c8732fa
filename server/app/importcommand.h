#pragma once

#include <QStringList>

namespace portico::server {

// `portico-server import [--deactivate] FILE...`: the accounting exchange's importer without
// HTTP (CommerceML files, or CSV files named *.csv), each file in one transaction.
int runImportCommand(const QStringList &arguments);

} // namespace portico::server
