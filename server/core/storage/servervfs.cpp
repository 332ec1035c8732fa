#include "storage/servervfs.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <new>
#include <sqlite3.h>
#include <vector>

namespace portico::server {

namespace {

// The unix VFS writes at most 0x1ffff bytes a call (seekAndWriteFd masks the length), and a
// sub-journal that spills from memory writes blocks of the size it was allowed in memory: the
// rest of a larger block is a short write, which SQLite reports as "database or disk is full".
constexpr int MaxWriteBytes = 64 * 1024;

sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs {};

// A file of this VFS: the real file follows this header in the memory SQLite allocated.
struct WrappedFile
{
    sqlite3_file base;
    sqlite3_file *real;
};

sqlite3_file *realOf(sqlite3_file *file)
{
    return reinterpret_cast<WrappedFile *>(file)->real;
}

// The real file's method, with the same arguments.
template<auto Method, typename... Args>
int forward(sqlite3_file *file, Args... args)
{
    sqlite3_file *real = realOf(file);
    return (real->pMethods->*Method)(real, args...);
}

int writeInPieces(sqlite3_file *real, const char *bytes, sqlite3_int64 amount, sqlite3_int64 offset)
{
    while (amount > 0) {
        const int piece = static_cast<int>(std::min<sqlite3_int64>(amount, MaxWriteBytes));
        if (const int rc = real->pMethods->xWrite(real, bytes, piece, offset); rc != SQLITE_OK)
            return rc;
        bytes += piece;
        offset += piece;
        amount -= piece;
    }
    return SQLITE_OK;
}

// A sub-journal.
int subJournalWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    return writeInPieces(realOf(file), static_cast<const char *>(data), amount, offset);
}

using Methods = sqlite3_io_methods;

// Version 1: a sub-journal is never memory-mapped nor shared.
const Methods g_subJournalMethods {1,
                                   forward<&Methods::xClose>,
                                   forward<&Methods::xRead>,
                                   subJournalWrite,
                                   forward<&Methods::xTruncate>,
                                   forward<&Methods::xSync>,
                                   forward<&Methods::xFileSize>,
                                   forward<&Methods::xLock>,
                                   forward<&Methods::xUnlock>,
                                   forward<&Methods::xCheckReservedLock>,
                                   forward<&Methods::xFileControl>,
                                   forward<&Methods::xSectorSize>,
                                   forward<&Methods::xDeviceCharacteristics>,
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   nullptr,
                                   nullptr};

// A write-ahead log whose appended bytes are gathered and written in large pieces (see
// servervfs.h).
constexpr int WalBufferBytes = 1024 * 1024;
constexpr int WalFrameHeaderBytes = 24;

struct WalFile
{
    WrappedFile file; // first: forward() sees a WrappedFile
    std::vector<char> *pending; // bytes for the file from pendingOffset on
    sqlite3_int64 pendingOffset;
    bool flushAfterNextWrite; // the last write was a commit frame's header
};

WalFile *walOf(sqlite3_file *file)
{
    return reinterpret_cast<WalFile *>(file);
}

int walFlush(WalFile *wal)
{
    if (wal->pending->empty())
        return SQLITE_OK;
    const int rc = writeInPieces(wal->file.real, wal->pending->data(),
                                 static_cast<sqlite3_int64>(wal->pending->size()), wal->pendingOffset);
    wal->pending->clear();
    return rc;
}

// The real file's method once what is gathered has been written.
template<auto Method, typename... Args>
int flushThenForward(sqlite3_file *file, Args... args)
{
    if (const int rc = walFlush(walOf(file)); rc != SQLITE_OK)
        return rc;
    return forward<Method>(file, args...);
}

int walClose(sqlite3_file *file)
{
    WalFile *wal = walOf(file);
    const int flushed = walFlush(wal);
    const int rc = wal->file.real->pMethods->xClose(wal->file.real);
    delete wal->pending;
    wal->pending = nullptr;
    return flushed != SQLITE_OK ? flushed : rc;
}

int walWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    WalFile *wal = walOf(file);
    std::vector<char> &pending = *wal->pending;
    const bool appends
        = !pending.empty() && offset == wal->pendingOffset + static_cast<sqlite3_int64>(pending.size());
    if (!appends || pending.size() + static_cast<std::size_t>(amount) > WalBufferBytes) {
        if (const int rc = walFlush(wal); rc != SQLITE_OK)
            return rc;
        wal->pendingOffset = offset;
    }
    const char *bytes = static_cast<const char *>(data);
    if (amount > WalBufferBytes)
        return writeInPieces(wal->file.real, bytes, amount, offset);
    // Within the capacity reserved at opening: no allocation.
    pending.insert(pending.end(), bytes, bytes + amount);
    if (wal->flushAfterNextWrite) {
        wal->flushAfterNextWrite = false;
        return walFlush(wal);
    }
    // A frame header's second field is the database's size in pages after a commit, and zero in
    // every other frame.
    if (amount == WalFrameHeaderBytes)
        wal->flushAfterNextWrite = (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
    return SQLITE_OK;
}

// The sub-journal's methods but for what reads, writes or looks at the file; locks, sector size
// and device characteristics stay the real file's (the log is locked through the database's
// shared memory, never by itself).
const Methods g_walMethods = [] {
    Methods methods = g_subJournalMethods;
    methods.xClose = walClose;
    methods.xRead = flushThenForward<&Methods::xRead>;
    methods.xWrite = walWrite;
    methods.xTruncate = flushThenForward<&Methods::xTruncate>;
    methods.xSync = flushThenForward<&Methods::xSync>;
    methods.xFileSize = flushThenForward<&Methods::xFileSize>;
    methods.xFileControl = flushThenForward<&Methods::xFileControl>;
    return methods;
}();

int walOpen(sqlite3_filename name, WalFile *wal, int flags, int *outFlags)
{
    wal->file.real = reinterpret_cast<sqlite3_file *>(wal + 1);
    wal->file.real->pMethods = nullptr;
    wal->pending = nullptr;
    wal->pendingOffset = 0;
    wal->flushAfterNextWrite = false;
    const int rc = g_real->xOpen(g_real, name, wal->file.real, flags, outFlags);
    // SQLite closes a file whose methods are set, even when its opening failed.
    if (wal->file.real->pMethods == nullptr) {
        wal->file.base.pMethods = nullptr;
        return rc;
    }
    try {
        auto pending = std::make_unique<std::vector<char>>();
        pending->reserve(WalBufferBytes);
        wal->pending = pending.release();
    } catch (const std::bad_alloc &) {
        wal->file.real->pMethods->xClose(wal->file.real);
        wal->file.base.pMethods = nullptr;
        return SQLITE_NOMEM;
    }
    wal->file.base.pMethods = &g_walMethods;
    return rc;
}

int serverOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    if ((flags & SQLITE_OPEN_WAL) != 0)
        return walOpen(name, reinterpret_cast<WalFile *>(file), flags, outFlags);
    // Every other file but a sub-journal is the real VFS's own, methods and all.
    if ((flags & SQLITE_OPEN_SUBJOURNAL) == 0)
        return g_real->xOpen(g_real, name, file, flags, outFlags);
    auto *wrapped = reinterpret_cast<WrappedFile *>(file);
    wrapped->real = reinterpret_cast<sqlite3_file *>(wrapped + 1);
    wrapped->real->pMethods = nullptr;
    const int rc = g_real->xOpen(g_real, name, wrapped->real, flags, outFlags);
    wrapped->base.pMethods = wrapped->real->pMethods != nullptr ? &g_subJournalMethods : nullptr;
    return rc;
}

} // namespace

bool installServerVfs()
{
    static std::once_flag once;
    static bool installed = false;
    std::call_once(once, [] {
        g_real = sqlite3_vfs_find(nullptr);
        if (g_real == nullptr || sqlite3_strglob("unix*", g_real->zName) != 0)
            return;
        g_vfs = *g_real;
        g_vfs.pNext = nullptr;
        g_vfs.zName = "portico-unix";
        g_vfs.szOsFile = static_cast<int>(std::max(sizeof(WrappedFile), sizeof(WalFile))) + g_real->szOsFile;
        g_vfs.xOpen = serverOpen;
        installed = sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
    });
    return installed;
}

} // namespace portico::server
