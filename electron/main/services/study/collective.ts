// Collective sessions (集中学习活动): the warning-education film, case lectures, seminars and group
// discussions. The officer records a session and its attendance (ticking the roster, or people check
// in at a workstation with the code shown in the room). Each attendance is a record in the person's
// own file, so it is part of their training file and of its hash chain.
import { randomInt, randomUUID } from 'node:crypto';
import type { CollectiveInput } from '../../../core/model';
import type { CollectiveView, Input } from '../../../shared/api';
import type { Account, CollectiveSession } from '../../../records/shared-docs';
import type { PersonFile } from '../../../records/person';
import { appendEvent } from '../../../records/events';
import { assertOpen, getCampaign } from '../campaign/campaign';
import { attendance } from '../../../records/derive';
import { badInput, conflict, notFound } from '../errors';
import { minutesBySession, saveMinutes, type SavedMinutes } from './discussion';
import { iso, type Ports } from '../ports';

type Cases = ReadonlyMap<string, { title: string; prompts: string[] }>;
function casesOf(ports: Ports): Cases {
  return new Map(ports.content.cases().map((c) => [c.id, { title: c.title, prompts: c.prompts }]));
}

type Minutes = ReadonlyMap<string, SavedMinutes>;

function toView(s: CollectiveSession, now: number, speed: number, cases: Cases, minutes: Minutes): CollectiveView {
  const m = minutes.get(s.id);
  const kase = s.caseId ? cases.get(s.caseId) : undefined;
  const open = s.checkIn && s.checkIn.until > now ? s.checkIn : null;
  return {
    id: s.id,
    campaignId: s.campaignId,
    type: s.type,
    topic: s.topic,
    date: s.date,
    start: s.start,
    durationMinutes: s.durationMinutes,
    place: s.place,
    host: s.host,
    case: kase ? { id: s.caseId!, title: kase.title, prompts: [...kase.prompts] } : null,
    attendees: s.attendees.map((a) => ({ ...a })),
    checkIn: open ? { code: open.code, remainingMs: Math.round((open.until - now) / speed) } : null,
    minutes: m ? (({ entryId: _e, hash: _h, ...rest }) => structuredClone(rest))(m) : null,
  };
}

export async function listCollective(ports: Ports, campaignId: string): Promise<CollectiveView[]> {
  const { sessions } = await ports.store.collective.read();
  const now = ports.clock.now();
  const cases = casesOf(ports);
  const minutes = await minutesBySession(ports);
  return sessions.filter((s) => s.campaignId === campaignId).map((s) => toView(s, now, ports.clockSpeed, cases, minutes));
}

export async function saveCollective(ports: Ports, caller: Account, input: CollectiveInput): Promise<CollectiveView> {
  await getCampaign(ports, input.campaignId);
  if (input.caseId && !casesOf(ports).has(input.caseId)) throw badInput('study.noSuchCase', { caseId: input.caseId }, 'caseId');
  const at = iso(ports.clock.now());
  const saved = await ports.store.collective.update((f) => {
    const { id, ...rest } = input;
    if (id) {
      const s = f.sessions.find((x) => x.id === id);
      if (!s) throw notFound('study.noCollectiveSession', { sessionId: id });
      // attendance already recorded keeps the details it was recorded with
      if (s.attendees.length > 0 && (s.durationMinutes !== rest.durationMinutes || s.date !== rest.date)) throw conflict('study.peopleCheckedAlreadyDate');
      Object.assign(s, rest);
      // a case taken off the session (absent from the input) is gone
      if (!rest.caseId) delete s.caseId;
      return s;
    }
    const s: CollectiveSession = { ...rest, id: randomUUID(), createdBy: caller.employeeNo, createdAt: at, attendees: [], checkIn: null };
    f.sessions.push(s);
    return s;
  });
  return toView(saved, ports.clock.now(), ports.clockSpeed, casesOf(ports), await minutesBySession(ports));
}

function attendedData(s: CollectiveSession, via: 'roster' | 'self') {
  return { sessionId: s.id, campaignId: s.campaignId, type: s.type, topic: s.topic, date: s.date, start: s.start, durationMinutes: s.durationMinutes, place: s.place, host: s.host, via };
}

/** Is this person recorded as attending (the last of attended / withdrawn for the session)? */
export function attends(f: PersonFile, sessionId: string): boolean {
  return attendance(f).has(sessionId);
}

/** Set the attendance of a session to exactly these people (ticking the roster). */
export async function setAttendance(ports: Ports, caller: Account, input: Input<'collective.attendance'>): Promise<CollectiveView> {
  const { people } = await ports.store.roster.read();
  const known = new Set(people.map((p) => p.employeeNo));
  for (const no of input.employeeNos) if (!known.has(no)) throw badInput('common.notOnRoster', { employeeNo: no }, 'employeeNos');
  const { sessions } = await ports.store.collective.read();
  const s = sessions.find((x) => x.id === input.sessionId);
  if (!s) throw notFound('study.noCollectiveSession', { sessionId: input.sessionId });
  assertOpen(await getCampaign(ports, s.campaignId));
  const want = new Set(input.employeeNos);
  // a speaker of the minutes attended: taken off the speakers first, so the minutes never name someone not there
  const spoke = (await minutesBySession(ports)).get(s.id)?.speakers ?? [];
  const gone = spoke.find((x) => !want.has(x.employeeNo));
  if (gone) throw conflict('minutes.speakerStillListed', { name: gone.name, employeeNo: gone.employeeNo });
  const at = iso(ports.clock.now());
  const touched = new Set([...want, ...s.attendees.map((a) => a.employeeNo)]);
  for (const no of touched) {
    await ports.store.person(no).update((f) => {
      const has = attends(f, s.id);
      if (want.has(no) && !has) appendEvent(f.events, 'collective.attended', attendedData(s, 'roster'), { at, by: caller.employeeNo });
      if (!want.has(no) && has) appendEvent(f.events, 'collective.withdrawn', { sessionId: s.id, campaignId: s.campaignId }, { at, by: caller.employeeNo });
    });
  }
  const saved = await ports.store.collective.update((f) => {
    const x = f.sessions.find((y) => y.id === s.id)!;
    const before = new Map(x.attendees.map((a) => [a.employeeNo, a]));
    x.attendees = [...want].map((no) => before.get(no) ?? { employeeNo: no, via: 'roster' as const, at });
    return x;
  });
  return toView(saved, ports.clock.now(), ports.clockSpeed, casesOf(ports), await minutesBySession(ports));
}

/** Show a code in the room; people type it at a workstation while the session runs. */
export async function openCheckIn(ports: Ports, input: Input<'collective.openCheckIn'>): Promise<CollectiveView> {
  const now = ports.clock.now();
  const of = (await ports.store.collective.peek()).sessions.find((x) => x.id === input.sessionId);
  if (of) assertOpen(await getCampaign(ports, of.campaignId));
  const saved = await ports.store.collective.update((f) => {
    const s = f.sessions.find((x) => x.id === input.sessionId);
    if (!s) throw notFound('study.noCollectiveSession', { sessionId: input.sessionId });
    const taken = new Set(f.sessions.filter((x) => x.checkIn && x.checkIn.until > now).map((x) => x.checkIn!.code));
    let code: string;
    do code = String(randomInt(1000, 10000));
    while (taken.has(code));
    s.checkIn = { code, until: now + input.minutes * 60_000 };
    return s;
  });
  return toView(saved, now, ports.clockSpeed, casesOf(ports), await minutesBySession(ports));
}

export async function checkIn(ports: Ports, caller: Account, input: Input<'collective.checkIn'>): Promise<CollectiveView> {
  const now = ports.clock.now();
  const { sessions } = await ports.store.collective.read();
  const s = sessions.find((x) => x.checkIn && x.checkIn.code === input.code.trim() && x.checkIn.until > now);
  if (!s) throw badInput('study.wrongCheckCodeCheck', {}, 'code');
  assertOpen(await getCampaign(ports, s.campaignId));
  const at = iso(now);
  const added = await ports.store.person(caller.employeeNo).update((f) => {
    if (attends(f, s.id)) return false;
    appendEvent(f.events, 'collective.attended', attendedData(s, 'self'), { at, by: caller.employeeNo });
    return true;
  });
  const saved = await ports.store.collective.update((f) => {
    const x = f.sessions.find((y) => y.id === s.id)!;
    if (added && !x.attendees.some((a) => a.employeeNo === caller.employeeNo)) x.attendees.push({ employeeNo: caller.employeeNo, via: 'self', at });
    return x;
  });
  // the person checking in is told they are in, not what others said
  return toView(saved, now, ports.clockSpeed, casesOf(ports), new Map());
}

/** Save a 研讨's minutes (./discussion.ts) and answer the session as it now stands. */
export async function saveSessionMinutes(ports: Ports, caller: Account, input: Input<'collective.minutes'>): Promise<CollectiveView> {
  await saveMinutes(ports, caller, input);
  const s = (await ports.store.collective.peek()).sessions.find((x) => x.id === input.sessionId) as CollectiveSession;
  return toView(s, ports.clock.now(), ports.clockSpeed, casesOf(ports), await minutesBySession(ports));
}
