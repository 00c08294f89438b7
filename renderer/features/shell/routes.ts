// Every page of the app, who may open it and where the menu shows it. Access is not written by role
// here: a page is offered to whoever may make the calls it cannot work without (its load call and
// its main action), as the contract (electron/shared/api.ts) says, so a role that may only read
// some data gets no menu entry for a page whose purpose it cannot fulfil, and the menu never offers
// a page the backend would refuse. What each page shows is in pages.tsx (kept apart so this table
// can be checked without loading the pages).
import type { Role } from '../../../electron/core/model';
import { api as contract, mayCall, type CallName } from '../../../electron/shared/api';

/** The menu's groups, in the order the menu shows them. */
export const GROUPS = ['mine', 'plan', 'people', 'learning', 'assessment', 'essays', 'inspections', 'archive', 'merge', 'system'] as const;
export type GroupKey = (typeof GROUPS)[number];

/** What the menu depends on besides the roles. */
export interface Facts {
  /** the person has a 岗位层级 in the roster (述职 is for them; a superior always has one) */
  level: boolean;
  /** merge runs held, and conflicts of them not decided yet */
  mergeRuns: number;
  openConflicts: number;
}

/** The roles' calls, and the facts: what a page's conditions are asked of. */
export interface Access extends Facts {
  may: (call: CallName) => boolean;
}

/** An i18n key and its values. */
export type Label = readonly [key: string, values?: Record<string, number>];

export interface Route {
  page: PageName;
  /** null: never in the menu (reached by links and the search box) */
  group: GroupKey | null;
  /** the calls the page cannot work without: it is offered and opened only when all may be made */
  calls: readonly CallName[];
  /** true: shown only for the current campaign; a call: needs the campaign for those who may make it */
  needsCampaign: boolean | CallName;
  /** a further condition on the page beyond the calls */
  extra?: (a: Access) => boolean;
  /** may also be opened (by address, not offered) to read only, by those who may make these calls */
  readOnly?: readonly CallName[];
  /** the menu entry marked while this page is shown, when it is not the page itself */
  within?: string;
  label?: (a: Access) => Label;
}

// Pages that serve the running of a campaign, though every call they make is open to more roles:
// the archivist may read the progress and results tables (the contract lets it), and an archivist
// who also studies could make both calls of the 述职 board (report.board as archivist, report.review
// as someone's superior), while entering the bureau's review there is the office's alone (the
// service checks it). Offered to those who may run the campaign, which keeps each role's menu as it
// was: the archivist's is 档案 alone, and lands there.
const runsCampaign = (a: Access) => a.may('campaign.save');

export const ROUTES = [
  { page: 'study', group: 'mine', calls: ['progress.mine', 'study.start'], needsCampaign: true },
  { page: 'practice', group: 'mine', calls: ['practice.options', 'practice.draw'], needsCampaign: true },
  { page: 'quiz', group: 'mine', calls: ['progress.mine', 'quiz.start'], needsCampaign: true },
  { page: 'essay', group: 'mine', calls: ['essay.get', 'essay.save'], needsCampaign: true },
  // 述职 is for those with a 岗位层级; report.get and report.save are open to every employee
  { page: 'report', group: 'mine', calls: ['report.get', 'report.save'], needsCampaign: true, extra: (a) => a.level },
  { page: 'campaign', group: 'plan', calls: ['campaign.get', 'campaign.save'], needsCampaign: false },
  { page: 'plan', group: 'plan', calls: ['plan.get', 'plan.saveTask'], needsCampaign: true },
  { page: 'summary', group: 'plan', calls: ['summary.get', 'summary.save'], needsCampaign: true, readOnly: ['summary.get'] },
  { page: 'roster', group: 'people', calls: ['roster.list', 'roster.commit'], needsCampaign: false },
  { page: 'accounts', group: 'people', calls: ['accounts.list', 'accounts.setRoles'], needsCampaign: false },
  { page: 'documents', group: 'learning', calls: ['corpus.list', 'corpus.importStart'], needsCampaign: false },
  { page: 'sessions', group: 'learning', calls: ['collective.list', 'collective.save'], needsCampaign: true },
  // the page says so on a campaign that is not of 三级安全教育 (the table knows no campaign's kind)
  { page: 'induction', group: 'learning', calls: ['induction.board', 'induction.sign'], needsCampaign: true },
  { page: 'progress', group: 'learning', calls: ['progress.table'], needsCampaign: true, extra: runsCampaign },
  // every campaign of a calendar year: no current campaign needed; the archivist may open it by address
  { page: 'year', group: 'learning', calls: ['year.view', 'year.ledger'], needsCampaign: false, extra: runsCampaign, readOnly: ['year.view', 'year.ledger'] },
  { page: 'bank', group: 'assessment', calls: ['bank.list', 'bank.save'], needsCampaign: false },
  { page: 'grading', group: 'assessment', calls: ['grading.queue', 'grading.gradeAnswer'], needsCampaign: true },
  { page: 'results', group: 'assessment', calls: ['quiz.stats'], needsCampaign: true, extra: runsCampaign },
  { page: 'essays', group: 'essays', calls: ['essay.overview', 'grading.reviewEssay'], needsCampaign: true },
  { page: 'reports', group: 'essays', calls: ['report.board', 'report.review'], needsCampaign: true, extra: runsCampaign },
  { page: 'inspections', group: 'inspections', calls: ['inspection.list', 'inspection.save'], needsCampaign: true },
  { page: 'archive', group: 'archive', calls: ['archive.list', 'archive.exportPerson'], needsCampaign: false },
  // there once a workstation has been merged (most plants never see it); an open conflict is named
  {
    page: 'merge',
    group: 'merge',
    calls: ['merge.list', 'merge.decide'],
    needsCampaign: false,
    extra: (a) => a.mergeRuns > 0,
    label: (a) => (a.openConflicts > 0 ? ['nav.mergeOpen', { n: a.openConflicts }] : ['nav.merge']),
  },
  { page: 'settings', group: 'system', calls: ['settings.get', 'settings.save'], needsCampaign: false },
  // employees study while reading (a session counts time, within a campaign); others only read
  { page: 'read', group: null, calls: ['corpus.get'], needsCampaign: 'study.start', within: 'study' },
  { page: 'search', group: null, calls: ['corpus.search'], needsCampaign: false },
  { page: 'password', group: null, calls: ['auth.changePassword'], needsCampaign: false },
] as const satisfies readonly (Omit<Route, 'page'> & { page: string })[];

export type PageName = (typeof ROUTES)[number]['page'];
const byPage = new Map<string, Route>(ROUTES.map((r: Route) => [r.page, r]));

/** Whether these roles may make a call, as the contract says (the backend checks the same). */
export function mayOf(roles: readonly Role[]): (call: CallName) => boolean {
  return (call) => mayCall(contract[call].roles, roles);
}

export function accessOf(roles: readonly Role[], facts: Facts): Access {
  return { ...facts, may: mayOf(roles) };
}

/** Offered: every call may be made and the extra condition holds. */
export function offered(r: Route, a: Access): boolean {
  return r.calls.every(a.may) && (r.extra?.(a) ?? true);
}

/** Pages that may be shown: those offered, and those that may be opened to read only. */
export function allowedPages(a: Access): Set<string> {
  return new Set(ROUTES.filter((r: Route) => offered(r, a) || (r.readOnly?.every(a.may) ?? false)).map((r) => r.page));
}

export interface MenuItem {
  page: PageName;
  label: Label;
}
export interface MenuGroup {
  key: string;
  label: Label;
  items: MenuItem[];
}

/**
 * The menu: the pages offered, in their groups. An employee's own few pages stand alone as links
 * when little else is in the menu; for an officer who also studies they are one group, so the menu
 * stays one row.
 */
export function menuOf(a: Access): MenuGroup[] {
  const groups: MenuGroup[] = [];
  for (const key of GROUPS) {
    const items = ROUTES.filter((r: Route) => r.group === key && offered(r, a)).map((r: Route) => ({ page: r.page, label: r.label?.(a) ?? ([`nav.${r.page}`] as const) }));
    if (items.length > 0) groups.push({ key, label: [`nav.group.${key}`], items });
  }
  const others = groups.filter((g) => g.key !== 'mine');
  const mine = groups.find((g) => g.key === 'mine');
  if (!mine || others.length > 1) return groups;
  return [...mine.items.map((i) => ({ key: i.page, label: i.label, items: [i] })), ...others];
}

/** The page to show for the address asked: it when allowed, else the menu's first page. */
export function pageToShow(asked: string, a: Access, menu: MenuGroup[]): Route | null {
  const page = allowedPages(a).has(asked) ? asked : menu[0]?.items[0]?.page;
  return (page && byPage.get(page)) || null;
}

/** Whether the page is shown only for the current campaign, for these roles. */
export function campaignNeeded(r: Route, a: Access): boolean {
  return typeof r.needsCampaign === 'string' ? a.may(r.needsCampaign) : r.needsCampaign;
}
