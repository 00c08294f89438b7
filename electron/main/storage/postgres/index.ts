// The storage port on PostgreSQL: the same documents as the lowdb folder, for a plant's server,
// with any number of server processes on one database.
//
// - Shared documents (meta, accounts, roster, campaigns, …) are one row each in `docs` (jsonb).
// - A person's training record is a row in `persons` (what they have open) and one row per event
//   in `person_events`: append-only, unique ids and hashes, and the hash chain itself enforced by
//   the database (each event's prev_hash must be the hash of the event before it).
// - Sessions live in `sessions` (the SHA-256 of the token, never the token), so either process
//   can serve a learner.
// - Every update is one transaction that locks its row (SELECT … FOR UPDATE): two processes
//   updating the same document queue up, and none loses the other's change. Reads check the row's
//   version (one short query) and reuse what this process already has when it is unchanged.
// - Imported editions (PDFs and texts), exports and derived search indexes stay files in the data
//   folder: they are large, written once and named by their SHA-256, which the corpus document
//   keeps, so a missing or changed file shows; the database holds every record.
//
// The parts: schema.ts (the tables and their migrations), base.ts (pool, transactions, a call's
// versions), doc.ts (a row of `docs`), person.ts (a person's row and events), sessions.ts, and
// store.ts (PgStore, which holds them together).
export { MIGRATIONS, migrateDatabase } from './schema';
export { PgStore, type PgStoreOptions } from './store';
