#include "exchange/workfolder.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <zip.h>

#include <memory>

namespace portico::server {

WorkFolder::WorkFolder(const QString &dataDir, const QString &sessionId)
    : m_root(QDir(dataDir).filePath(QStringLiteral("exchange/") + sessionId))
{ }

std::optional<QString> WorkFolder::sanitize(const QString &name)
{
    QString path = name;
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (path.isEmpty() || path.size() > 1024 || path.startsWith(QLatin1Char('/')))
        return std::nullopt;
    if (path.size() >= 2 && path.at(1) == QLatin1Char(':')) // C:/..., C:x
        return std::nullopt;
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return std::nullopt;
    }
    const QStringList segments = path.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String("..")
            || segment.size() > 255)
            return std::nullopt;
    }
    return path;
}

void WorkFolder::wipe()
{
    QDir(m_root).removeRecursively();
    QDir().mkpath(m_root);
}

QString WorkFolder::path(const QString &relativeName) const
{
    return m_root + QLatin1Char('/') + relativeName;
}

qint64 WorkFolder::size() const
{
    qint64 total = 0;
    QDirIterator it(m_root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

QString WorkFolder::append(const QString &name, const QByteArray &chunk, qint64 limit, qint64 &used)
{
    const QString target = path(name);
    if (used + chunk.size() > limit) {
        used -= QFileInfo(target).size();
        QFile::remove(target);
        return QStringLiteral("the upload would pass the exchange's limit of %1 bytes").arg(limit);
    }
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile file(target);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return QStringLiteral("cannot write %1: %2").arg(name, file.errorString());
    if (file.write(chunk) != chunk.size())
        return QStringLiteral("cannot write %1: %2").arg(name, file.errorString());
    used += chunk.size();
    return {};
}

QString WorkFolder::extractArchives(qint64 limit, QHash<QString, QStringList> *unpacked)
{
    const QStringList archives
        = QDir(m_root).entryList({QStringLiteral("*.zip"), QStringLiteral("*.ZIP")}, QDir::Files);
    for (const QString &archive : archives) {
        QStringList files;
        const QString error = extract(path(archive), limit, files);
        QFile::remove(path(archive));
        if (!error.isEmpty())
            return archive + QStringLiteral(": ") + error;
        if (unpacked)
            unpacked->insert(archive, files);
    }
    return {};
}

bool WorkFolder::holdsWholeArchive(const QString &name) const
{
    int code = 0;
    zip_t *zip = zip_open(QFile::encodeName(path(name)).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!zip)
        return false;
    zip_discard(zip);
    return true;
}

QString WorkFolder::extract(const QString &archive, qint64 limit, QStringList &files)
{
    int code = 0;
    const std::unique_ptr<zip_t, decltype(&zip_discard)> zip(
        zip_open(QFile::encodeName(archive).constData(), ZIP_RDONLY, &code), &zip_discard);
    if (!zip) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const QString why = QString::fromUtf8(zip_error_strerror(&error));
        zip_error_fini(&error);
        return QStringLiteral("not a readable zip archive (%1)").arg(why);
    }
    // The archive itself counts against the limit until it is removed.
    qint64 budget = limit - size();
    const zip_int64_t entries = zip_get_num_entries(zip.get(), 0);
    for (zip_int64_t i = 0; i < entries; ++i) {
        zip_stat_t stat;
        if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0)
            return QStringLiteral("entry %1 cannot be read").arg(i);
        const QString raw = QString::fromUtf8(stat.name);
        if (raw.endsWith(QLatin1Char('/')))
            continue; // a folder: made when its files are
        const auto name = sanitize(raw);
        if (!name)
            return QStringLiteral("entry \"%1\" has a name that is not allowed").arg(raw);
        const std::unique_ptr<zip_file_t, decltype(&zip_fclose)> in(
            zip_fopen_index(zip.get(), static_cast<zip_uint64_t>(i), 0), &zip_fclose);
        if (!in)
            return QStringLiteral("entry \"%1\" cannot be opened: %2")
                .arg(raw, QString::fromUtf8(zip_strerror(zip.get())));
        const QString target = path(*name);
        QDir().mkpath(QFileInfo(target).absolutePath());
        QFile out(target);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QStringLiteral("cannot write %1: %2").arg(*name, out.errorString());
        QByteArray buffer(256 * 1024, Qt::Uninitialized);
        for (;;) {
            const zip_int64_t read
                = zip_fread(in.get(), buffer.data(), static_cast<zip_uint64_t>(buffer.size()));
            if (read < 0)
                return QStringLiteral("entry \"%1\" is damaged").arg(raw);
            if (read == 0)
                break;
            budget -= read;
            if (budget < 0) {
                out.close();
                out.remove();
                return QStringLiteral("unpacked, it would pass the exchange's limit of %1 bytes").arg(limit);
            }
            if (out.write(buffer.constData(), read) != read)
                return QStringLiteral("cannot write %1: %2").arg(*name, out.errorString());
        }
        files.append(*name);
    }
    return {};
}

QHash<QString, QString> WorkFolder::importFiles() const
{
    QHash<QString, QString> files;
    const QString base = path(QStringLiteral("import_files"));
    if (!QFileInfo(base).isDir())
        return files;
    const QDir root(m_root);
    QDirIterator it(base, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        files.insert(root.relativeFilePath(file), file);
    }
    return files;
}

} // namespace portico::server
