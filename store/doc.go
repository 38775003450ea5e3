// Package store keeps Parley's project file: one SQLite database holding
// scenarios, their what-ifs, actors, issues, stances, model runs and the edit
// journal. The schema comes from embedded, ordered migrations, each applied in
// its own transaction and recorded in PRAGMA user_version. Every write is one
// transaction. Import and export of other file formats live in store/codec.
//
// Journal mode: the rollback journal (DELETE) with synchronous=FULL, not WAL.
// Analysts copy .db files around; a WAL database leaves -wal and -shm files
// beside it that must travel with it, and a copy without them loses the latest
// edits. With the rollback journal, a cleanly closed project is exactly one file.
package store
