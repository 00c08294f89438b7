// 研讨 records: the minutes of a discussion session (core/discussion.ts). One save checks everything
// first (speakers among the attendees, the follow-ups registered as findings complete, the sheet's
// photo uploaded), then appends to the campaign's chain — the new findings, then the minutes that
// name them — and finally records each speaker's part in their own chain, bound to the minutes'
// entry by its hash. The officer notes what each speaker said: the minutes are the record of the
// room, written by the one who kept it (an employee's own note would be a claim no one checked).
import { randomUUID } from 'node:crypto';
import { foldMinutes, isDiscussion, type MinutesInput } from '../../../core/discussion';
import { foldLedger, type FollowUp, type LedgerEntry, type MinutesBody } from '../../../core/inspection';
import { COLLECTIVE_TYPE_NAMES, isoDateSchema } from '../../../core/model';
import type { Account, CollectiveSession } from '../../../records/shared-docs';
import { appendEvent, appendLink } from '../../../records/events';
import { spokenAt } from '../../../records/derive';
import type { PersonFile } from '../../../records/person';
import { assertOpen, getCampaign } from '../campaign/campaign';
import { photoRefs } from '../inspection/inspection';
import { badInput, conflict, notFound } from '../errors';
import { iso, type Ports } from '../ports';

export type SavedMinutes = MinutesBody & { entryId: string; hash: string; savedAt: string; savedBy: string };

/** Every session's minutes, by session id. */
export async function minutesBySession(ports: Ports): Promise<Map<string, SavedMinutes>> {
  return foldMinutes((await ports.store.inspections.peek()).entries as LedgerEntry[]);
}

function checkFollowUp(f: MinutesInput['followUps'][number], i: number, roster: ReadonlyMap<string, string>): void {
  const at = (k: string) => `followUps.${i}.${k}`;
  if (f.owner && !roster.has(f.owner)) throw badInput('minutes.ownerNotOnRoster', { owner: f.owner, row: i + 1 }, at('owner'));
  if (f.due && (!isoDateSchema.safeParse(f.due).success || Number.isNaN(Date.parse(f.due)))) throw badInput('minutes.dueNotDate', { due: f.due, row: i + 1 }, at('due'));
  if (!f.asFinding) return;
  if (!f.owner) throw badInput('minutes.findingNeedsOwner', { row: i + 1 }, at('owner'));
  if (!f.due) throw badInput('minutes.findingNeedsDue', { row: i + 1 }, at('due'));
  if (!f.location) throw badInput('minutes.findingNeedsLocation', { row: i + 1 }, at('location'));
}

export async function saveMinutes(ports: Ports, caller: Account, input: MinutesInput): Promise<SavedMinutes> {
  const s = (await ports.store.collective.peek()).sessions.find((x) => x.id === input.sessionId) as CollectiveSession | undefined;
  if (!s) throw notFound('study.noCollectiveSession', { sessionId: input.sessionId });
  if (!isDiscussion(s.type)) throw badInput('minutes.notDiscussion', { type: COLLECTIVE_TYPE_NAMES[s.type] }, 'sessionId');
  assertOpen(await getCampaign(ports, s.campaignId));
  const attended = new Set(s.attendees.map((a) => a.employeeNo));
  const roster = new Map((await ports.store.roster.peek()).people.map((p) => [p.employeeNo, p.name]));
  const seen = new Set<string>();
  input.speakers.forEach((sp, i) => {
    if (!attended.has(sp.employeeNo)) throw badInput('minutes.speakerNotAttendee', { employeeNo: sp.employeeNo }, `speakers.${i}.employeeNo`);
    if (seen.has(sp.employeeNo)) throw badInput('minutes.speakerTwice', { employeeNo: sp.employeeNo }, `speakers.${i}.employeeNo`);
    seen.add(sp.employeeNo);
  });
  input.followUps.forEach((f, i) => checkFollowUp(f, i, roster));
  const [sheetPhoto = null] = input.sheetPhoto ? await photoRefs(ports, [input.sheetPhoto], 'sheetPhoto') : [];
  const spokeBefore = (await minutesBySession(ports)).get(s.id)?.speakers.map((sp) => sp.employeeNo) ?? [];
  const at = iso(ports.clock.now());
  const by = caller.employeeNo;
  const raisedIn = { sessionId: s.id, type: s.type, topic: s.topic, date: s.date };

  const saved = await ports.store.inspections.update((ledger) => {
    const entries = ledger.entries as LedgerEntry[];
    const before = foldMinutes(entries).get(s.id);
    const findings = foldLedger(entries).findings;
    const followUps: FollowUp[] = input.followUps.map((f, i) => {
      const was = f.id ? before?.followUps.find((x) => x.id === f.id) : undefined;
      if (f.id && !was) throw badInput('minutes.noSuchFollowUp', { row: i + 1 }, `followUps.${i}.id`);
      // a finding is in the 问题台账 for good: it is closed by 整改 and 验收, not by the minutes
      if (was?.findingId && !f.asFinding) throw conflict('minutes.findingStays', { row: i + 1 });
      let findingId = was?.findingId ?? null;
      if (f.asFinding && !findingId) {
        findingId = randomUUID();
        appendLink(entries, {
          type: 'finding.recorded',
          at,
          by,
          data: {
            findingId,
            inspectionId: '',
            discussion: raisedIn,
            campaignId: s.campaignId,
            level: f.level,
            location: f.location,
            description: f.issue,
            measure: f.action,
            owner: f.owner,
            ownerName: roster.get(f.owner) ?? f.owner,
            due: f.due,
            photos: [],
          },
        } as Omit<LedgerEntry, 'seq' | 'id' | 'prevHash' | 'hash'>);
      }
      const level = findingId ? (findings.get(findingId)?.level ?? f.level) : null;
      return {
        id: f.id ?? randomUUID(),
        issue: f.issue,
        action: f.action,
        owner: f.owner,
        ownerName: f.owner ? (roster.get(f.owner) ?? f.owner) : '',
        due: f.due,
        findingId,
        level,
        location: f.location,
      };
    });
    // a follow-up registered as a finding stays in the minutes (its row may not be dropped)
    for (const w of before?.followUps ?? []) if (w.findingId && !followUps.some((x) => x.id === w.id)) throw conflict('minutes.findingStays', { row: (before?.followUps.indexOf(w) ?? 0) + 1 });
    const body: MinutesBody = {
      sessionId: s.id,
      campaignId: s.campaignId,
      type: s.type,
      topic: s.topic,
      date: s.date,
      speakers: input.speakers.map((sp) => ({ employeeNo: sp.employeeNo, name: roster.get(sp.employeeNo) ?? sp.employeeNo, points: sp.points })),
      conclusions: input.conclusions,
      followUps,
      sheetPhoto,
    };
    const e = appendLink(entries, { type: 'discussion.minutes', at, by, data: body } as Omit<LedgerEntry, 'seq' | 'id' | 'prevHash' | 'hash'>);
    return { ...body, entryId: e.id, hash: e.hash, savedAt: at, savedBy: by };
  });

  // each speaker's part in their own chain; someone taken off the speakers is recorded so
  const minutes = { entryId: saved.entryId, hash: saved.hash };
  const now = new Map(saved.speakers.map((sp) => [sp.employeeNo, sp.points]));
  const touched = new Set([...now.keys(), ...spokeBefore]);
  for (const no of touched) {
    const want = now.get(no);
    const peeked = await ports.store.person(no).peek();
    const had = spokenAt(peeked as unknown as Pick<PersonFile, 'events'>).get(s.id);
    if (want === undefined ? !had : had?.points === want) continue;
    await ports.store.person(no).update((f) => {
      if (want === undefined) appendEvent(f.events, 'collective.unspoke', { sessionId: s.id, campaignId: s.campaignId, minutes }, { at, by });
      else appendEvent(f.events, 'collective.spoke', { ...raisedIn, campaignId: s.campaignId, points: want, minutes }, { at, by });
    });
  }
  return saved;
}
