#pragma once

#include <QByteArray>
#include <QCommandLineOption>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace portico::server {

struct CommonOptions;

// --release-root-key FILE: the root public key that uploaded releases must chain to, instead
// of the one built in (for tests and for a company running its own keys).
QCommandLineOption releaseRootKeyOption();
// The key the options name, or the built-in one; nullopt (after saying why) when the file
// named holds no key.
std::optional<QByteArray> releaseRootKey(const QCommandLineParser &parser, const CommonOptions &common,
                                         const QCommandLineOption &option, const QString &command);

// `portico-server release publish|channel|list`: releases on the database without HTTP.
int runReleaseCommand(const QStringList &arguments);

} // namespace portico::server
