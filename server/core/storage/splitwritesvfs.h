#pragma once

namespace portico::server {

// Makes the default SQLite VFS of this process one that writes a sub-journal (what a savepoint
// or a statement needs to roll back alone) to its file in pieces of at most 64 KiB, and passes
// every other file to the unix VFS untouched. The unix VFS writes at most 0x1ffff bytes a call,
// and a sub-journal that outgrows its memory writes that memory out in blocks of its size: with
// this, the memory may be larger than 128 KiB. Idempotent; false when the default VFS is not
// the unix one (nothing changes then).
bool installSplitWritesVfs();

} // namespace portico::server
