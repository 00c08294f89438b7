// A person's record in memory, the same rules for both backends: events are frozen once kept (an
// event can never change, so an update shares them instead of copying the whole history), and the
// study state can change on its own, through a cheaper path (a journal line on lowdb).
import { Doc } from './doc';
import { chainHead, type PersonEvent } from '../../../records/events';
import { emptyPerson, PERSON_MIGRATIONS, type PersonFile } from '../../../records/person';
import { sealEvents, type FolderSeal } from './seal';
import type { JournalLine, StudyJournal } from './study-journal';
import type { Message } from '../../../core/message';

function freezeDeep(x: unknown): void {
  if (x === null || typeof x !== 'object' || Object.isFrozen(x)) return;
  Object.freeze(x);
  for (const v of Object.values(x)) freezeDeep(v);
}

/** Freeze the events (and the list) of a record that is now kept: a later change to them throws. */
export function freezeEvents(events: readonly PersonEvent[]): void {
  // new events are at the end; the first frozen one from the end marks where the old ones begin
  for (let i = events.length - 1; i >= 0 && !Object.isFrozen(events[i]); i--) freezeDeep(events[i]);
  Object.freeze(events);
}

/**
 * The copy an ordinary update works on: the events are shared — frozen first (once per event:
 * a record only read, as on the dashboards, is never walked for it) — and what is open is copied.
 */
export function personDraft(f: PersonFile): PersonFile {
  freezeEvents(f.events);
  return { ...f, events: f.events.slice(), open: structuredClone(f.open) };
}

/** The copy a study-only update works on: only the study state is copied; the events list is frozen. */
export function studyDraft(f: PersonFile): PersonFile {
  freezeEvents(f.events);
  return { ...f, open: { ...f.open, study: structuredClone(f.open.study) } };
}

/** A study-only update may change `open.study` and nothing else. */
export function checkStudyOnly(before: PersonFile, draft: PersonFile): void {
  const changed = Object.keys({ ...before.open, ...draft.open }).filter(
    (k) => k !== 'study' && k !== 'studyRev' && before.open[k as keyof PersonFile['open']] !== draft.open[k as keyof PersonFile['open']],
  );
  if (draft.events !== before.events || changed.length > 0) throw new Error(`internal: a study update of ${before.employeeNo} changed ${changed.join(', ') || 'events'}`);
}

/** A person's file in a lowdb folder. */
export class PersonDoc extends Doc<PersonFile> {
  constructor(
    file: string,
    readonly employeeNo: string,
    /** where study-only updates are kept (null: written to the file like any other) */
    private readonly journal: StudyJournal | null,
    /** a journaled state newer than the file (a folder opened only to read while its server runs) */
    private readonly replayed: JournalLine | undefined,
    /** called after each journaled change (the store decides when to checkpoint) */
    private readonly journaled: () => void = () => undefined,
    private readonly seal: FolderSeal | null = null,
  ) {
    super(file, () => emptyPerson(employeeNo), PERSON_MIGRATIONS, seal);
  }

  /** A record changed outside the app is still shown (check and exports name it), but nothing more is written to it. */
  protected override sealBroken(problem: Message): void {
    this.tampered = problem;
  }

  /** what is wrong with this record's seal, when it was read (null: it holds, or it was not checked) */
  get sealProblem(): Message | null {
    return this.tampered;
  }

  protected override loaded_(data: PersonFile): PersonFile {
    if (!this.replayed) return data;
    const now = applyLine(data, this.replayed);
    // the file is behind what the journal holds: the next checkpoint writes it (a folder whose
    // journal could not be written into the files when it was opened: a full disk, no key yet)
    if (now !== data && !this.readOnly) this.unwritten = true;
    return now;
  }

  /** The event seals of the record about to be written (a sealed folder), before its file is written. */
  private sealOf(draft: PersonFile, before: PersonFile): void {
    const seal = this.seal;
    if (!seal || seal.mode === 'off') return;
    if (seal.mode === 'locked' || !seal.sealer) throw seal.lockedError();
    draft.seals = sealEvents(seal.sealer, this.employeeNo, draft.events, before.seals, before.events);
  }

  override update<R>(fn: (draft: PersonFile) => R | Promise<R>): Promise<R> {
    return this.change(fn, async (draft, before) => {
      this.sealOf(draft, before);
      await this.low.write();
      this.unwritten = false;
    });
  }

  protected override draftOf(data: PersonFile): PersonFile {
    return personDraft(data);
  }

  protected override kept(data: PersonFile): void {
    freezeEvents(data.events);
  }

  /** An update that changes only `open.study` (a heartbeat, an attention check): durable when it resolves. */
  updateStudy<R>(fn: (draft: PersonFile) => R): Promise<R> {
    const journal = this.journal;
    if (!journal) return this.update(fn);
    let draft!: PersonFile;
    let before!: PersonFile;
    return this.change(
      (d) => fn(d),
      async (d, b) => {
        draft = d;
        before = b;
        checkStudyOnly(before, draft);
        draft.open.studyRev = (before.open.studyRev ?? 0) + 1;
        await journal.append({ no: this.employeeNo, rev: draft.open.studyRev, head: chainHead(draft.events), study: draft.open.study });
        this.unwritten = true;
        this.journaled();
      },
      studyDraft,
    );
  }

  /**
   * An ordinary update: a study start here is written to the file as it always was (the journal
   * holds only heartbeat-like changes, replayed onto the file's own history).
   */
  updateMostlyStudy<R>(fn: (draft: PersonFile) => R): Promise<R> {
    return this.update(fn);
  }

  /** the file is behind what is kept in the journal */
  get behind(): boolean {
    return this.unwritten;
  }
}

/** The record with a journaled study state, when that state is newer than the record and of the same history. */
export function applyLine(f: PersonFile, line: JournalLine): PersonFile {
  if (line.rev <= (f.open.studyRev ?? 0) || line.head !== chainHead(f.events)) return f;
  return { ...f, open: { ...f.open, study: line.study, studyRev: line.rev } };
}
