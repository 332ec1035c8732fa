#include "storage/splitwritesvfs.h"

#include <algorithm>
#include <mutex>
#include <sqlite3.h>

namespace portico::server {

namespace {

// The unix VFS writes at most 0x1ffff bytes a call (seekAndWriteFd masks the length), and a
// sub-journal that spills from memory writes blocks of the size it was allowed in memory: the
// rest of a larger block is a short write, which SQLite reports as "database or disk is full".
constexpr int MaxWriteBytes = 64 * 1024;

sqlite3_vfs *g_real = nullptr;
sqlite3_vfs g_vfs {};

// A sub-journal: the real file follows this header in the memory SQLite allocated.
struct SplitFile
{
    sqlite3_file base;
    sqlite3_file *real;
};

sqlite3_file *realOf(sqlite3_file *file)
{
    return reinterpret_cast<SplitFile *>(file)->real;
}

int splitClose(sqlite3_file *f)
{
    return realOf(f)->pMethods->xClose(realOf(f));
}
int splitRead(sqlite3_file *f, void *data, int amount, sqlite3_int64 offset)
{
    return realOf(f)->pMethods->xRead(realOf(f), data, amount, offset);
}
int splitWrite(sqlite3_file *f, const void *data, int amount, sqlite3_int64 offset)
{
    sqlite3_file *real = realOf(f);
    const char *bytes = static_cast<const char *>(data);
    while (amount > 0) {
        const int piece = std::min(amount, MaxWriteBytes);
        if (const int rc = real->pMethods->xWrite(real, bytes, piece, offset); rc != SQLITE_OK)
            return rc;
        bytes += piece;
        offset += piece;
        amount -= piece;
    }
    return SQLITE_OK;
}
int splitTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    return realOf(f)->pMethods->xTruncate(realOf(f), size);
}
int splitSync(sqlite3_file *f, int flags)
{
    return realOf(f)->pMethods->xSync(realOf(f), flags);
}
int splitFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    return realOf(f)->pMethods->xFileSize(realOf(f), size);
}
int splitLock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xLock(realOf(f), level);
}
int splitUnlock(sqlite3_file *f, int level)
{
    return realOf(f)->pMethods->xUnlock(realOf(f), level);
}
int splitCheckReservedLock(sqlite3_file *f, int *out)
{
    return realOf(f)->pMethods->xCheckReservedLock(realOf(f), out);
}
int splitFileControl(sqlite3_file *f, int op, void *arg)
{
    return realOf(f)->pMethods->xFileControl(realOf(f), op, arg);
}
int splitSectorSize(sqlite3_file *f)
{
    return realOf(f)->pMethods->xSectorSize(realOf(f));
}
int splitDeviceCharacteristics(sqlite3_file *f)
{
    return realOf(f)->pMethods->xDeviceCharacteristics(realOf(f));
}

// Version 1: a sub-journal is never memory-mapped nor shared.
const sqlite3_io_methods g_methods {1,
                                    splitClose,
                                    splitRead,
                                    splitWrite,
                                    splitTruncate,
                                    splitSync,
                                    splitFileSize,
                                    splitLock,
                                    splitUnlock,
                                    splitCheckReservedLock,
                                    splitFileControl,
                                    splitSectorSize,
                                    splitDeviceCharacteristics,
                                    nullptr,
                                    nullptr,
                                    nullptr,
                                    nullptr,
                                    nullptr,
                                    nullptr};

int splitOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    // Every other file is the real VFS's own, methods and all.
    if ((flags & SQLITE_OPEN_SUBJOURNAL) == 0)
        return g_real->xOpen(g_real, name, file, flags, outFlags);
    auto *split = reinterpret_cast<SplitFile *>(file);
    split->real = reinterpret_cast<sqlite3_file *>(split + 1);
    split->real->pMethods = nullptr;
    const int rc = g_real->xOpen(g_real, name, split->real, flags, outFlags);
    // SQLite closes a file whose methods are set, even when its opening failed.
    split->base.pMethods = split->real->pMethods != nullptr ? &g_methods : nullptr;
    return rc;
}

} // namespace

bool installSplitWritesVfs()
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
        g_vfs.szOsFile = static_cast<int>(sizeof(SplitFile)) + g_real->szOsFile;
        g_vfs.xOpen = splitOpen;
        installed = sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
    });
    return installed;
}

} // namespace portico::server
