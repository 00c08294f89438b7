// Merging a workstation that ran on its own into this record set (`anxue merge`). Records are
// append-only events with ids, so most of a merge is a union: an event this side has (same id) is
// kept once; the others are appended to the person's chain keeping their id, time and author. What
// was changed on both sides — a person's details, a campaign, a collective session, an essay
// submitted on two PCs, an essay draft — keeps both versions: this side's stays in force, the
// workstation's is kept in the merge's conflict list for the officer to decide. A study session
// the workstation still had open is closed into a record ("recovered"), as a restart would.
// Running a merge again brings nothing new and changes nothing.
//
// merge-records.ts: the run; merge-person.ts: one person's events; conflicts.ts: the officer's list
// and decisions; pending.ts: the conflicts a run collects.
export { MergeRefused, mergeRecords, type MergeReport } from './merge-records';
export { mergeDecide, mergeList } from './conflicts';
