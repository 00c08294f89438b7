// Several campaigns side by side: who takes part in one, where each stands on a given day, the
// order a picker shows them in, and which campaigns a stretch of self-study counts toward.
import type { Campaign, Participants, Person } from './model';

/**
 * What decides whether someone takes part: the participants a campaign names, and its `end`. Of a
 * campaign's dates (start/end: the whole campaign, the quiz and the essay with it; studyStart/studyEnd:
 * the concentrated study within it) `end` is the one that counts: someone hired while the campaign
 * still runs, even after its study week, can still study, take the quiz and write the essay before
 * it ends; someone hired after it ended could not have taken part, and an everyone-campaign of last
 * year must not list them (nor as behind).
 */
type Scoped = Pick<Campaign, 'participants' | 'end'>;
type Dated = Pick<Campaign, 'start' | 'end' | 'closedAt'>;

/** A person of the roster as the rule looks at them (hiredOn absent: not known, never left out for it). */
export type Member = Pick<Person, 'employeeNo' | 'dept' | 'team' | 'category' | 'hiredOn'>;

/** Hired by the campaign's last day (dates as YYYY-MM-DD compare as text). */
const hiredBy = (c: Scoped, p: Member): boolean => !p.hiredOn || p.hiredOn <= c.end;

/** Whether the participants a campaign names include a person (a campaign stored before participants existed is everyone's). */
function named(c: Scoped, p: Member): boolean {
  const w: Participants = c.participants ?? { kind: 'all' };
  if (w.kind === 'all') return true;
  return w.employeeNos.includes(p.employeeNo) || w.depts.includes(p.dept) || w.categories.includes(p.category) || w.teams.some((t) => t.dept === p.dept && t.team === p.team);
}

/** Whether a person of the roster takes part in a campaign: named by it, and not hired after it ended. */
export function takesPart(c: Scoped, p: Member): boolean {
  return hiredBy(c, p) && named(c, p);
}

/**
 * takesPart for many people of one campaign: the names it lists looked up in sets, made once (a
 * list of thousands of 工号 checked for each of thousands of people would be millions of compares).
 */
function matcherOf(c: Scoped): (p: Member) => boolean {
  const w: Participants = c.participants ?? { kind: 'all' };
  if (w.kind === 'all') return (p) => hiredBy(c, p);
  const nos = new Set(w.employeeNos);
  const depts = new Set(w.depts);
  const categories = new Set<string>(w.categories);
  // a team is named with its department: the teams named, by department
  const teams = new Map<string, Set<string>>();
  for (const t of w.teams) (teams.get(t.dept) ?? teams.set(t.dept, new Set()).get(t.dept)!).add(t.team);
  return (p) => hiredBy(c, p) && (nos.has(p.employeeNo) || depts.has(p.dept) || categories.has(p.category) || (teams.get(p.dept)?.has(p.team) ?? false));
}

/** The people of a roster who take part, in roster order. */
export function participantsOf<P extends Member>(c: Scoped, people: readonly P[]): P[] {
  return people.filter(matcherOf(c));
}

/** How many people of a roster take part (the picker's count), without listing them. */
export function countParticipants(c: Scoped, people: readonly Member[]): number {
  const takes = matcherOf(c);
  let n = 0;
  for (const p of people) if (takes(p)) n += 1;
  return n;
}

export const CAMPAIGN_STATES = ['current', 'upcoming', 'ended', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/**
 * Where a campaign stands on a local date: closed (frozen by an officer), upcoming (starts later),
 * ended (its dates are over, not yet closed) or current.
 */
export function campaignStateOn(c: Dated, today: string): CampaignState {
  if (c.closedAt) return 'closed';
  if (today < c.start) return 'upcoming';
  if (today > c.end) return 'ended';
  return 'current';
}

/**
 * The order a picker lists campaigns in: current first (the one ending soonest on top), then
 * upcoming (the soonest first), then ended and closed (the latest first).
 */
export function orderCampaigns<C extends Dated & { id: string }>(cs: readonly C[], today: string): C[] {
  const rank = (c: C) => CAMPAIGN_STATES.indexOf(campaignStateOn(c, today));
  return [...cs].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    const s = campaignStateOn(a, today);
    if (s === 'current') return a.end.localeCompare(b.end) || a.id.localeCompare(b.id);
    if (s === 'upcoming') return a.start.localeCompare(b.start) || a.id.localeCompare(b.id);
    return b.end.localeCompare(a.end) || a.id.localeCompare(b.id);
  });
}

/**
 * The campaigns a stretch of self-study on `docId` counts toward, besides the one it was started in:
 * every other campaign that is current on `today`, that the person takes part in, and whose study
 * documents include the document. The time is counted once in the person's year whatever the number
 * of campaigns (records/derive.ts yearMs).
 */
export function alsoCountsFor(cs: readonly Campaign[], startedIn: string, person: Member | null, docId: string, today: string): string[] {
  return cs
    .filter((c) => c.id !== startedIn && campaignStateOn(c, today) === 'current' && (person ? takesPart(c, person) : (c.participants ?? { kind: 'all' }).kind === 'all'))
    .filter((c) => c.documents.some((d) => d.docId === docId))
    .map((c) => c.id);
}

/** The campaigns a study session counts toward: the one it was started in, and the others it also counts for. */
export function sessionCampaignIds(s: { campaignId: string; alsoFor?: readonly string[] }): string[] {
  return [s.campaignId, ...(s.alsoFor ?? [])];
}

/** Whether a study session counts toward a campaign. */
export function sessionCountsFor(s: { campaignId: string; alsoFor?: readonly string[] }, campaignId: string): boolean {
  return s.campaignId === campaignId || (s.alsoFor?.includes(campaignId) ?? false);
}
