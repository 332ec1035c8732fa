#pragma once

namespace portico::server {

// Makes the default SQLite VFS of this process one that changes how two kinds of file are
// written, and passes every other file to the unix VFS untouched:
// - a sub-journal (what a savepoint or a statement needs to roll back alone) is written to its
//   file in pieces of at most 64 KiB. The unix VFS writes at most 0x1ffff bytes a call, and a
//   sub-journal that outgrows its memory writes that memory out in blocks of its size: with
//   this, the memory may be larger than 128 KiB.
// - a write-ahead log gets what SQLite appends to it gathered in memory and written in large
//   pieces (SQLite writes every frame as two calls, its header and its page). A commit's frames
//   reach the file as soon as its commit frame is written, before SQLite publishes the commit
//   to other connections, which read the log by themselves; every other look at the file (a
//   read, a sync, its size, a truncation, a file control, closing it) writes what is gathered
//   first.
// Idempotent; false when the default VFS is not the unix one (nothing changes then).
bool installServerVfs();

} // namespace portico::server
