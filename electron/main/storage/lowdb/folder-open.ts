// Opening a data folder after a stop or a crash: the temp files of writes that never finished go,
// and the study journal's lines newer than their person's file are written into it.
import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { upgrade } from '../../../records/versioned';
import { PERSON_MIGRATIONS, type PersonFile } from '../../../records/person';
import { TEMP_FILE, writeFileAtomicSync } from '../durable-json-file';
import { applyLine } from './person-doc';
import { relPath, type FolderSeal } from './seal';
import { said, saidOf, type Message } from '../../../core/message';
import { describeCut, journalFiles, journalLineProblem, readJournals, StudyJournal, type JournalLine } from './study-journal';

/** What opening a folder works with: the folder, its seal, what it tells `anxue check`, and the study states kept in memory. */
export interface FolderOpening {
  dir: string;
  seal: FolderSeal;
  report: { notes: Message[]; journalProblems: Message[] };
  replayed: Map<string, JournalLine>;
}

/** Temp files of writes that never finished (a crash, a kill, a full disk): this process is the folder's only writer. */
export function removeTempFiles(dir: string, report: FolderOpening['report']): void {
  let removed = 0;
  const sweep = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      // exports: a batch that stopped is resumed from its own partial folders
      if (e.isDirectory()) {
        if (e.name !== 'exports') sweep(full);
      } else if (TEMP_FILE.test(e.name)) {
        try {
          unlinkSync(full);
          removed += 1;
        } catch {
          /* gone already */
        }
      }
    }
  };
  sweep(dir);
  if (removed > 0) report.notes.push(said('store.note.tempRemoved', { n: removed }));
}

/** The journal lines of `files` (the newest per person), noting what was cut and what does not hold its seal. */
export function readJournalLines(o: FolderOpening, files: readonly string[]): Map<string, JournalLine> {
  const { lines, cuts } = readJournals(
    files,
    (rec) => o.seal.lineHolds(rec),
    (file, line, rec) => o.report.journalProblems.push(journalLineProblem(file, line, rec.no)),
  );
  for (const c of cuts) (c.kind === 'torn' ? o.report.notes : o.report.journalProblems).push(describeCut(c));
  return lines;
}

/**
 * Opening a folder after a stop or a crash: every journaled study state that is newer than its
 * person's file is written into the file, then the journal files are deleted. Where a file
 * cannot be written now (a full disk, the seal key not here yet) the state is kept in memory
 * and the journal stays for the next opening. A line whose person has no file (deleted
 * meanwhile) is dropped; a record changed outside the app is not written over.
 */
export function replayJournals(o: FolderOpening): void {
  const files = journalFiles(o.dir);
  if (files.length === 0) return;
  let all = true;
  for (const [no, line] of readJournalLines(o, files)) {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(no)) {
      o.report.journalProblems.push(said('store.journal.invalidNo', { no: no.slice(0, 40) }));
      continue;
    }
    const file = path.join(o.dir, 'people', `${no}.json`);
    if (!existsSync(file)) continue;
    if (o.seal.mode === 'locked') {
      o.replayed.set(no, line);
      all = false;
      continue;
    }
    const rel = relPath(o.dir, file);
    try {
      const { text, problem } = o.seal.open(rel, readFileSync(file, 'utf8'));
      if (problem) {
        all = false; // anxue check names it; nothing is written over it
        continue;
      }
      const stored = upgrade(JSON.parse(text) as PersonFile, 2, PERSON_MIGRATIONS, file);
      const now = applyLine(stored, line);
      if (now !== stored) writeFileAtomicSync(file, o.seal.seal(rel, JSON.stringify(now, null, 1)));
    } catch (e) {
      o.replayed.set(no, line);
      all = false;
      o.report.notes.push(said('store.note.journalKept', { no, why: saidOf(e) ?? (e as Error).message }));
    }
  }
  if (all) StudyJournal.remove(files);
}
