// Package store keeps Parley's project file: one SQLite database holding
// scenarios, their what-ifs, actors, issues, stances, briefing decks, model
// runs and the edit journal. Import and export of other file formats live in
// store/codec.
//
// Schema. It comes from embedded, ordered migrations (migrations/NNN_*.sql),
// each applied in its own transaction together with PRAGMA user_version = NNN,
// so a crash leaves a file at one version or the next. A file from a newer
// Parley is refused before anything is written to it; an older one is first
// copied to PATH.vN.bak (VACUUM INTO, flushed to disk). Every step re-reads the
// version under the write lock, so two windows opening one old file migrate it
// once. Foreign keys are on for every connection (deleting a scenario deletes
// its deck, runs and history).
//
// Transactions. Every write is one transaction that takes the file's write
// lock first (BEGIN IMMEDIATE), so two processes never deadlock and a
// read-modify-write (UpdateScenario) cannot lose another window's edit. Reads
// run in BEGIN DEFERRED transactions: one consistent view, and they never hold
// the write lock. A write that cannot get the lock within the busy timeout
// (BusyTimeout, or WithBusyTimeout) fails with a model.ECONFLICT error that
// says another program is writing and that nothing was changed.
//
// Journal mode: the rollback journal (DELETE) with synchronous=FULL, not WAL.
// Analysts copy .db files around; a WAL database leaves -wal and -shm files
// beside it that must travel with it, and a copy without them loses the latest
// edits. With the rollback journal, a cleanly closed project is exactly one
// file; after a crash the -journal beside it is rolled back by the next open.
// The mode is not set by a connection pragma (that would rewrite a newer
// Parley's file before the version check); a file another tool left in WAL
// mode is switched back once the version check has passed.
//
// synchronous=FULL flushes the journal and the file at every commit, so a
// save that returned survives a power cut, not only a killed process. It is
// kept deliberately: on the development VM it costs about 15 ms of a
// 250-actor × 10-issue save (measured against synchronous=OFF), and such a
// save still takes ≈15–37 ms there (2 cores, other jobs running), inside the
// 50 ms budget. Saves are cheap because they update rows in place (save.go):
// SQLite leaves a page untouched when a row is rewritten unchanged, so the
// usual save after one slider release journals and flushes ≈50 KB instead of
// the whole scenario (≈700 KB before), and the undo journal is written
// incrementally (journal.go).
//
// Copies. Save As and the upgrade backup use VACUUM INTO a temporary file,
// flush it, and only then rename it over the target; a stale -journal left
// beside the target by a crash is removed first, as SQLite would otherwise
// "roll back" the fresh copy with the old file's pages.
package store
