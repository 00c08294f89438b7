// Moving records from one store to another: a lowdb data folder into PostgreSQL (`anxue db
// import-folder`) and back (`anxue db export-folder`). Each document and each person is copied in
// one update of its own, so a copy that stops half-way is simply run again: what already arrived
// is found equal and left alone, a record that grew since is topped up with its new events. At the
// end every record is compared with its source.
import { canonicalJson } from '../../core/canonical';
import { SHARED_DOCS, type SharedDocName } from '../../records/shared-docs';
import { chainHead, verifyChain } from '../../records/events';
import { withoutSeals } from './lowdb/seal';
import { StoreProblem, type DocPort, type Store } from './store';
import { said, type Message } from '../../core/message';

export interface CopyReport {
  documents: { copied: number; same: number };
  people: { copied: number; toppedUp: number; same: number };
  events: number;
  drafts: { copied: number; same: number };
  /** evidence files (by hash): brought now, or there already */
  files: { copied: number; same: number };
  /** every record compared with its source after the copy */
  checked: { documents: number; people: number; drafts: number; files: number };
}

/** The target holds something else, or the source cannot be carried: nothing was changed (a message of the catalog, its Chinese as `message`). */
export class CopyConflict extends StoreProblem {}

const NAMES = Object.keys(SHARED_DOCS) as SharedDocName[];
const isEmpty = (name: SharedDocName, data: unknown) => canonicalJson(data) === canonicalJson(SHARED_DOCS[name].defaults());

/**
 * Copy a whole document. Where the target holds something else, it is replaced only when `own`
 * (the target is this same enterprise, filled by an earlier run of this copy); otherwise refused.
 */
async function copyDoc<T>(from: DocPort<T>, to: DocPort<T>, label: string | Message, empty: (x: unknown) => boolean, own: boolean): Promise<'copied' | 'same'> {
  const src = await from.read();
  // equal already: nothing is written (a second run changes nothing)
  if (canonicalJson(await to.peek()) === canonicalJson(src)) return 'same';
  return to.update((draft) => {
    if (canonicalJson(draft) === canonicalJson(src)) return 'same' as const;
    if (!own && !empty(draft)) throw new CopyConflict(said('copy.differentDoc', { label }));
    for (const k of Object.keys(draft as object)) delete (draft as Record<string, unknown>)[k];
    Object.assign(draft as object, structuredClone(src));
    return 'copied' as const;
  });
}

export async function copyRecords(from: Store, to: Store, progress: (done: number, total: number) => void = () => undefined): Promise<CopyReport> {
  const report: CopyReport = {
    documents: { copied: 0, same: 0 },
    people: { copied: 0, toppedUp: 0, same: 0 },
    events: 0,
    drafts: { copied: 0, same: 0 },
    files: { copied: 0, same: 0 },
    checked: { documents: 0, people: 0, drafts: 0, files: 0 },
  };
  // the people first: the roster and accounts that name them arrive last, so a half-done copy
  // never shows a person whose record is missing
  // the same enterprise (its name and the moment it was set up) on both sides: a later run of
  // this copy, whose shared documents follow the source; anything else set up is not ours to replace
  const [a, b] = [await from.meta.peek(), await to.meta.peek()];
  const own = b.enterprise !== null && a.enterprise === b.enterprise && a.createdAt === b.createdAt;
  if (b.enterprise !== null && !own) throw new CopyConflict(said('copy.differentDoc', { label: 'meta.json' }));
  // records changed outside the app are not carried anywhere (a backup, a restore, a move to PostgreSQL)
  const broken = (await from.seals?.problems()) ?? [];
  if (broken.length > 0) throw new CopyConflict(broken.length > 1 ? said('copy.sealsBrokenMany', { first: broken[0]!, n: broken.length }) : said('copy.sealsBroken', { first: broken[0]! }));
  const ids = await from.recordIds();
  const total = ids.people.length + ids.drafts.length;
  let done = 0;
  for (const no of ids.people) {
    const src = await from.person(no).read();
    const problems = verifyChain(src.events);
    if (problems.length > 0) throw new CopyConflict(said('copy.chainBroken', { no, problem: problems[0]! }));
    if (canonicalJson(withoutSeals(await to.person(no).peek())) === canonicalJson(withoutSeals(src))) {
      report.people.same += 1;
      progress(++done, total);
      continue;
    }
    const outcome = await to.person(no).update((draft) => {
      const have = draft.events.length;
      if (have > src.events.length || (have > 0 && draft.events[have - 1]!.hash !== src.events[have - 1]!.hash)) {
        throw new CopyConflict(said('copy.recordDiffers', { no }));
      }
      const added = src.events.slice(have);
      draft.events.push(...structuredClone(added));
      const sameOpen = canonicalJson(draft.open) === canonicalJson(src.open);
      draft.open = structuredClone(src.open);
      report.events += added.length;
      return have === 0 && added.length > 0 ? 'copied' : added.length > 0 || !sameOpen ? 'toppedUp' : 'same';
    });
    report.people[outcome] += 1;
    progress(++done, total);
  }
  // evidence files before the records that name them; a file is its hash, so one already there is the same
  const have = new Set(await to.files.list());
  const fileIds = await from.files.list();
  for (const sha of fileIds) {
    if (have.has(sha)) {
      report.files.same += 1;
      continue;
    }
    const bytes = await from.files.get(sha);
    if (!bytes || (await to.files.put(bytes)) !== sha) throw new CopyConflict(said('copy.fileHash', { sha }));
    report.files.copied += 1;
  }
  for (const no of ids.drafts) {
    const r = await copyDoc(from.essayDrafts(no), to.essayDrafts(no), said('copy.draftsOf', { no }), (x) => Object.keys((x as { campaigns: object }).campaigns).length === 0, own);
    report.drafts[r] += 1;
    progress(++done, total);
  }
  for (const name of [...NAMES].sort((a, b) => Number(a === 'roster' || a === 'accounts') - Number(b === 'roster' || b === 'accounts'))) {
    const r = await copyDoc(from[name] as DocPort<unknown>, to[name] as DocPort<unknown>, SHARED_DOCS[name].file, (x) => isEmpty(name, x), own);
    report.documents[r] += 1;
  }
  // every record compared with its source
  for (const name of NAMES) {
    if (canonicalJson(await from[name].read()) !== canonicalJson(await to[name].read())) throw new StoreProblem(said('copy.checkDoc', { file: SHARED_DOCS[name].file }));
    report.checked.documents += 1;
  }
  for (const no of ids.people) {
    const a = await from.person(no).read();
    const b = await to.person(no).read();
    if (a.events.length !== b.events.length || chainHead(a.events) !== chainHead(b.events) || canonicalJson(withoutSeals(a)) !== canonicalJson(withoutSeals(b)))
      throw new StoreProblem(said('copy.checkRecord', { no }));
    report.checked.people += 1;
  }
  for (const no of ids.drafts) {
    if (canonicalJson(await from.essayDrafts(no).read()) !== canonicalJson(await to.essayDrafts(no).read())) throw new StoreProblem(said('copy.checkDrafts', { no }));
    report.checked.drafts += 1;
  }
  const arrived = new Set(await to.files.list());
  for (const sha of fileIds) {
    if (!arrived.has(sha)) throw new StoreProblem(said('copy.checkFile', { sha }));
    report.checked.files += 1;
  }
  return report;
}
