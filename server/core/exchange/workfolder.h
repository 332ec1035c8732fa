#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace portico::server {

// The folder of one exchange session, <data-dir>/exchange/<session>: where 1C's uploads land
// (chunks of a file appended in order), where zipped uploads are unpacked, and where the
// importer reads them from. `init` wipes it. Every name comes from outside, so each is
// checked: relative, no "..", no empty or "." segments, no drive letters or control
// characters; sub-folders (import_files/ab/x.jpg) are fine.
class WorkFolder final
{
public:
    WorkFolder(const QString &dataDir, const QString &sessionId);

    QString root() const { return m_root; }

    // The name as a path relative to the folder ('\' read as '/'); nullopt when it is not
    // acceptable.
    static std::optional<QString> sanitize(const QString &name);

    // Removes everything and creates the folder again.
    void wipe();
    // Appends a chunk to a file; refuses (with the reason) when the folder would hold more
    // than `limit` bytes, and then removes the file, so a refused upload leaves nothing.
    // `used`: the bytes the folder holds (size()), kept by the caller across chunks so that
    // thousands of uploaded images do not each walk the folder; updated here.
    QString append(const QString &name, const QByteArray &chunk, qint64 limit, qint64 &used);
    // Unpacks every .zip in the folder's root into the folder, then removes it. Refuses
    // entries with unacceptable names and stops (with the reason) when what is unpacked
    // would pass `limit` bytes, whatever the archive declares. `unpacked`, when given, gets
    // each archive's name with the files it held.
    QString extractArchives(qint64 limit, QHash<QString, QStringList> *unpacked = nullptr);
    // Whether the file is a zip archive whose end has arrived (its central directory is there
    // and agrees with its entries): the last chunk of an upload in pieces.
    bool holdsWholeArchive(const QString &name) const;
    // The absolute path of an acceptable relative name.
    QString path(const QString &relativeName) const;
    // Bytes in the folder.
    qint64 size() const;
    // Files under import_files/: relative path -> absolute path.
    QHash<QString, QString> importFiles() const;

private:
    QString extract(const QString &archive, qint64 limit, QStringList &files);

    QString m_root;
};

} // namespace portico::server
