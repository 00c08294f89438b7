// 三级安全教育 (induction) sign-offs. In plants the 三级安全教育卡 is signed on paper by each level's
// responsible person (公司级: the safety department or the principal; 车间级: the workshop head;
// 班组级: the team leader); the officer enters who signed, when and what was taught, and the entry
// becomes a record in the new hire's own file (hash-chained like every other record). A signed
// level's 学时 count as training time of its date, fixed in minutes when entered.
import { INDUCTION_LEVEL_NAMES, INDUCTION_LEVELS, type Campaign, type InductionLevel, type Person } from '../../../core/model';
import { participantsOf, takesPart } from '../../../core/campaign-scope';
import { localDay } from '../../../core/study-time';
import type { Input, InductionBoard, InductionRow } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import type { PersonFile } from '../../../records/person';
import { appendEvent } from '../../../records/events';
import { inductionKey, inductionSignOffs } from '../../../records/induction';
import type { DeepReadonly } from '../../../records/versioned';
import { getCampaign } from '../campaign/campaign';
import { badInput, conflict } from '../errors';
import { iso, type Ports } from '../ports';

/** The campaign's 学时 per level, in the order 公司级, 车间级, 班组级 (none when it sets none). */
function levelHours(c: Campaign): { level: InductionLevel; hours: number }[] {
  if (c.kind !== 'induction' || !c.induction) return [];
  return INDUCTION_LEVELS.map((level) => ({ level, hours: c.induction!.levels.find((l) => l.level === level)?.hours ?? 0 }));
}

function rowOf(p: DeepReadonly<Person>, f: DeepReadonly<PersonFile>, campaignId: string): InductionRow {
  const signed = inductionSignOffs(f as PersonFile);
  return {
    employeeNo: p.employeeNo,
    name: p.name,
    dept: p.dept,
    team: p.team,
    post: p.post,
    levels: INDUCTION_LEVELS.map((level) => {
      const s = signed.get(inductionKey(campaignId, level));
      return {
        level,
        signed: s ? { date: s.date, hours: s.hours, minutes: s.minutes, signer: s.signer, signerName: s.signerName, signerPost: s.signerPost, content: s.content, at: s.at, by: s.by } : null,
      };
    }),
  };
}

export async function inductionBoard(ports: Ports, input: Input<'induction.board'>): Promise<InductionBoard> {
  const c = await getCampaign(ports, input.campaignId);
  const { settings } = await ports.store.meta.read();
  const { people } = await ports.store.roster.peek();
  const induction = c.kind === 'induction';
  const rows: InductionRow[] = [];
  if (induction) for (const p of participantsOf(c, people)) rows.push(rowOf(p, await ports.store.person(p.employeeNo).peek(), c.id));
  return {
    campaignId: c.id,
    induction,
    closed: !!c.closedAt,
    levels: levelHours(c),
    rows,
    signers: people.map((p) => ({ employeeNo: p.employeeNo, name: p.name, dept: p.dept, team: p.team, post: p.post, category: p.category, leader: p.leader, level: p.level ?? null })),
    today: localDay(ports.clock.now(), settings.utcOffsetMinutes),
  };
}

/** The campaign and the person a sign-off names, refused when either does not fit. */
async function inductionOf(ports: Ports, campaignId: string, employeeNo: string): Promise<{ c: Campaign; person: DeepReadonly<Person> }> {
  const c = await getCampaign(ports, campaignId);
  if (c.kind !== 'induction') throw badInput('induction.notInduction', { name: c.name }, 'campaignId');
  if (!c.induction) throw badInput('induction.noLevels', { name: c.name }, 'campaignId');
  const person = (await ports.store.roster.peek()).people.find((p) => p.employeeNo === employeeNo);
  if (!person) throw badInput('common.notOnRoster', { employeeNo }, 'employeeNo');
  if (!takesPart(c, person)) throw badInput('induction.notParticipant', { name: person.name, employeeNo, campaign: c.name }, 'employeeNo');
  return { c, person };
}

export async function signInduction(ports: Ports, caller: Account, input: Input<'induction.sign'>): Promise<InductionBoard> {
  const { c, person } = await inductionOf(ports, input.campaignId, input.employeeNo);
  const { settings } = await ports.store.meta.read();
  const today = localDay(ports.clock.now(), settings.utcOffsetMinutes);
  if (input.date > today) throw badInput('induction.dateInFuture', { date: input.date }, 'date');
  const signer = (await ports.store.roster.peek()).people.find((p) => p.employeeNo === input.signer);
  if (!signer) throw badInput('induction.signerNotOnRoster', { employeeNo: input.signer }, 'signer');
  const hours = c.induction!.levels.find((l) => l.level === input.level)?.hours ?? 0;
  const at = iso(ports.clock.now());
  await ports.store.person(person.employeeNo).update((f) => {
    const had = inductionSignOffs(f).get(inductionKey(c.id, input.level));
    if (had) throw conflict('induction.alreadySigned', { name: person.name, level: INDUCTION_LEVEL_NAMES[input.level], date: had.date, signer: had.signerName });
    appendEvent(
      f.events,
      'induction.signed',
      {
        campaignId: c.id,
        level: input.level,
        // fixed now: a later change of the level's 学时 or of the minutes per 学时 does not change this record
        minutes: Math.round(hours * settings.minutesPerCreditHour),
        hours,
        date: input.date,
        signer: signer.employeeNo,
        signerName: signer.name,
        signerPost: signer.post,
        content: input.content,
      },
      { at, by: caller.employeeNo },
    );
  });
  return inductionBoard(ports, { campaignId: c.id });
}

export async function revokeInduction(ports: Ports, caller: Account, input: Input<'induction.revoke'>): Promise<InductionBoard> {
  const { c, person } = await inductionOf(ports, input.campaignId, input.employeeNo);
  const at = iso(ports.clock.now());
  await ports.store.person(person.employeeNo).update((f) => {
    if (!inductionSignOffs(f).has(inductionKey(c.id, input.level))) throw conflict('induction.notSigned', { name: person.name, level: INDUCTION_LEVEL_NAMES[input.level] });
    appendEvent(f.events, 'induction.revoked', { campaignId: c.id, level: input.level, reason: input.reason }, { at, by: caller.employeeNo });
  });
  return inductionBoard(ports, { campaignId: c.id });
}
