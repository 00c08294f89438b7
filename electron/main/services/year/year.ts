// The year's training (年度培训): each person's 学时 of a calendar year over every campaign, against
// the retraining requirement of their category (a new hire's initial training in the year of their
// induction), with the totals by 部门 / 班组 / 人员类别. Read from the people's summaries (the year
// figures kept beside each record), never from their whole history.
import { takesPart } from '../../../core/campaign-scope';
import { PERSON_CATEGORIES, type Campaign, type Person, type Settings } from '../../../core/model';
import { localDay, toCreditHours } from '../../../core/study-time';
import type { Input, YearGroupRow, YearPersonRow, YearView } from '../../../shared/api';
import { summaryYearMs } from '../../../records/derive';
import type { DeepReadonly } from '../../../records/versioned';
import { badInput } from '../errors';
import type { Ports } from '../ports';

type Who = Pick<Person, 'employeeNo' | 'dept' | 'team' | 'category' | 'hiredOn'>;

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** Whether a campaign's dates reach into the calendar year. */
export function inYear(c: Pick<Campaign, 'start' | 'end'>, year: string): boolean {
  return c.start <= `${year}-12-31` && c.end >= `${year}-01-01`;
}

/**
 * What a person must have in the year: their category's annual retraining, or its initial training
 * when they take part in an induction (入职培训) that starts in that year (their first year).
 */
export function requirementOf(p: Who, year: string, campaigns: readonly DeepReadonly<Campaign>[], settings: DeepReadonly<Settings>): { requirement: 'annual' | 'initial'; creditHours: number } {
  const t = settings.categoryTargets[p.category];
  const induction = campaigns.some((c) => c.kind === 'induction' && c.start.startsWith(`${year}-`) && takesPart(c as Campaign, p));
  return induction ? { requirement: 'initial', creditHours: t.initial } : { requirement: 'annual', creditHours: t.annual };
}

function groupRows(rows: readonly YearPersonRow[], keyOf: (r: YearPersonRow) => string, deptOf?: (r: YearPersonRow) => string): YearGroupRow[] {
  const groups = new Map<string, { key: string; dept?: string; rows: YearPersonRow[] }>();
  for (const r of rows) {
    const key = keyOf(r);
    const id = deptOf ? `${deptOf(r)}\u0000${key}` : key;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { key, ...(deptOf ? { dept: deptOf(r) } : {}), rows: [] }));
    g.rows.push(r);
  }
  return [...groups.values()].map((g) => {
    const met = g.rows.filter((r) => r.met).length;
    return {
      key: g.key,
      ...(g.dept !== undefined ? { dept: g.dept } : {}),
      people: g.rows.length,
      met,
      short: g.rows.length - met,
      averageCreditHours: oneDecimal(g.rows.reduce((n, r) => n + r.creditHours, 0) / g.rows.length),
    };
  });
}

export async function yearView(ports: Ports, input: Input<'year.view'>): Promise<YearView> {
  const { settings } = await ports.store.meta.peek();
  const today = localDay(ports.clock.now(), settings.utcOffsetMinutes);
  const thisYear = today.slice(0, 4);
  const year = input.year ?? thisYear;
  // a year to come has no training yet: asking for it is a mistake, said as one (not an empty table)
  if (year > thisYear) throw badInput('year.notYet', { year, thisYear }, 'year');
  const people = (await ports.store.roster.peek()).people;
  const campaigns = (await ports.store.campaigns.peek()).campaigns;
  const views = await ports.store.yearSummaries(people.map((p) => p.employeeNo));
  const ofYear = campaigns.filter((c) => inYear(c, year));
  // most campaigns are everyone's: their ids are one list shared by the rows of those not hired
  // during the year (someone hired after a campaign ended is not in it: takesPart)
  const everyone = ofYear.filter((c) => (c.participants ?? { kind: 'all' }).kind === 'all').map((c) => c.id);
  const rows: YearPersonRow[] = people.map((p) => {
    const ms = summaryYearMs(views.get(p.employeeNo)!, year);
    const creditHours = toCreditHours(ms, settings.minutesPerCreditHour);
    const req = requirementOf(p, year, ofYear, settings);
    const met = creditHours >= req.creditHours;
    return {
      employeeNo: p.employeeNo,
      name: p.name,
      dept: p.dept,
      team: p.team,
      category: p.category,
      ms,
      creditHours,
      requiredCreditHours: req.creditHours,
      requirement: req.requirement,
      shortCreditHours: met ? 0 : oneDecimal(req.creditHours - creditHours),
      met,
      campaignIds: everyone.length === ofYear.length && !(p.hiredOn && p.hiredOn >= `${year}-01-01`) ? everyone : ofYear.filter((c) => takesPart(c as Campaign, p)).map((c) => c.id),
    };
  });
  const met = rows.filter((r) => r.met).length;
  return {
    year,
    asOf: today,
    minutesPerCreditHour: settings.minutesPerCreditHour,
    // in the categories' own order (a settings document read back from PostgreSQL has its keys reordered)
    targets: Object.fromEntries(PERSON_CATEGORIES.map((k) => [k, { initial: settings.categoryTargets[k].initial, annual: settings.categoryTargets[k].annual }])),
    campaigns: [...ofYear].sort((a, b) => a.start.localeCompare(b.start)).map((c) => ({ id: c.id, name: c.name, kind: c.kind, start: c.start, end: c.end })),
    rows,
    totals: { people: rows.length, met, short: rows.length - met },
    groups: {
      dept: groupRows(rows, (r) => r.dept),
      team: groupRows(
        rows,
        (r) => r.team,
        (r) => r.dept,
      ),
      category: groupRows(rows, (r) => r.category),
    },
    years: yearsWithData(thisYear, views.values(), campaigns),
  };
}

/**
 * The years with any counted time or any campaign, up to this year (a campaign planned into next
 * year offers no year still to come): this year first, then the latest first.
 */
function yearsWithData(
  thisYear: string,
  views: Iterable<{ years: Readonly<Record<string, number>>; study: { byDay: Record<string, number> } | null }>,
  campaigns: readonly DeepReadonly<Campaign>[],
): string[] {
  const found = new Set<string>([thisYear]);
  for (const v of views) {
    for (const [y, ms] of Object.entries(v.years)) if (ms > 0) found.add(y);
    for (const d of Object.keys(v.study?.byDay ?? {})) found.add(d.slice(0, 4));
  }
  for (const c of campaigns) for (let y = Number(c.start.slice(0, 4)); y <= Number(c.end.slice(0, 4)); y++) found.add(String(y));
  return [thisYear, ...[...found].filter((y) => y < thisYear).sort((a, b) => b.localeCompare(a))];
}
