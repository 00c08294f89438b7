// The route table (renderer/features/shell/routes.ts) against the contract: the menu each role
// sees, the calls the pages name, and that a page offered is one the backend lets that role use.
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../electron/core/model';
import { api as contract, mayCall, type CallName } from '../../electron/shared/api';
import { accessOf, allowedPages, menuOf, pageToShow, ROUTES, type Facts, type Label, type Route } from '../../renderer/features/shell/routes';
import { enUS } from '../../renderer/i18n/en-US';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { hrefOf, parseHash } from '../../renderer/features/shell/route';

const plain: Facts = { level: false, mergeRuns: 0, openConflicts: 0 };
const merged: Facts = { level: false, mergeRuns: 1, openConflicts: 2 };
const withLevel: Facts = { level: true, mergeRuns: 0, openConflicts: 0 };

/** The menu as one line per group: `group: page page …` (a group of one page shows as a link). */
function menu(roles: Role[], facts: Facts = plain): string[] {
  return menuOf(accessOf(roles, facts)).map((g) => `${g.key}: ${g.items.map((i) => i.page).join(' ')}`);
}

const OFFICE = [
  'plan: campaign plan summary',
  'people: roster',
  'learning: documents sessions induction progress year',
  'assessment: bank grading results',
  'essays: essays reports',
  'inspections: inspections',
];
const ADMIN = [
  'plan: campaign plan summary',
  'people: roster accounts',
  'learning: documents sessions induction progress year',
  'assessment: bank grading results',
  'essays: essays reports',
  'inspections: inspections',
];
const MINE_ALONE = ['study: study', 'practice: practice', 'quiz: quiz', 'essay: essay'];

describe('the route table', () => {
  it('gives each role combination the menu it has always had, and lands each on its first page', () => {
    const seen = {
      employee: menu(['employee']),
      'employee with a 岗位层级': menu(['employee'], withLevel),
      officer: menu(['officer']),
      'officer after a merge': menu(['officer'], merged),
      'officer + employee': menu(['officer', 'employee']),
      'officer + employee with a 岗位层级': menu(['officer', 'employee'], withLevel),
      admin: menu(['admin']),
      'admin after a merge': menu(['admin'], merged),
      archivist: menu(['archivist']),
      'archivist + employee': menu(['archivist', 'employee']),
      'officer + archivist': menu(['officer', 'archivist']),
      landing: Object.fromEntries((['employee', 'officer', 'archivist', 'admin'] as const).map((r) => [r, pageToShow('', accessOf([r], plain), menuOf(accessOf([r], plain)))?.page])),
    };
    expect(seen).toEqual({
      employee: MINE_ALONE,
      'employee with a 岗位层级': [...MINE_ALONE, 'report: report'],
      officer: OFFICE,
      'officer after a merge': [...OFFICE, 'merge: merge'],
      'officer + employee': ['mine: study practice quiz essay', ...OFFICE],
      'officer + employee with a 岗位层级': ['mine: study practice quiz essay report', ...OFFICE],
      admin: [...ADMIN, 'archive: archive', 'system: settings'],
      'admin after a merge': [...ADMIN, 'archive: archive', 'merge: merge', 'system: settings'],
      archivist: ['archive: archive'],
      'archivist + employee': [...MINE_ALONE, 'archive: archive'],
      'officer + archivist': [...OFFICE, 'archive: archive'],
      landing: { employee: 'study', officer: 'campaign', archivist: 'archive', admin: 'campaign' },
    });
  });

  it('opens by address only what a role may use: reading and search for all, the summary read-only for the archivist', () => {
    const allowed = (roles: Role[], facts: Facts = plain) => [...allowedPages(accessOf(roles, facts))].filter((p) => !menu(roles, facts).some((line) => line.split(/[: ]+/).slice(1).includes(p)));
    expect({ employee: allowed(['employee']), archivist: allowed(['archivist']), officer: allowed(['officer']) }).toEqual({
      employee: ['read', 'search', 'password'],
      archivist: ['summary', 'year', 'read', 'search', 'password'],
      officer: ['read', 'search', 'password'],
    });
    // an address not allowed shows the first page of the menu instead
    expect(pageToShow('progress', accessOf(['archivist'], plain), menuOf(accessOf(['archivist'], plain)))?.page).toBe('archive');
    expect(pageToShow('merge', accessOf(['officer'], plain), menuOf(accessOf(['officer'], plain)))?.page).toBe('campaign');
  });

  it('names only calls of the contract', () => {
    const unknown = ROUTES.flatMap((r: Route) =>
      [...r.calls, ...(r.readOnly ?? []), ...(typeof r.needsCampaign === 'string' ? [r.needsCampaign] : [])].filter((c) => !Object.hasOwn(contract, c)).map((c) => `${r.page}: ${c}`),
    );
    expect(unknown).toEqual([]);
    expect(ROUTES.every((r: Route) => r.calls.length > 0)).toBe(true);
  });

  it('offers, to every combination of roles, only pages whose every call the backend lets that role make; every label reads in both languages', () => {
    const problems: string[] = [];
    const labelOk = ([key]: Label) => [zhCN, enUS].every((d) => typeof key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], d) === 'string');
    for (let mask = 1; mask < 1 << ROLES.length; mask++) {
      const roles = ROLES.filter((_, i) => mask & (1 << i));
      for (const facts of [plain, merged, withLevel]) {
        const a = accessOf(roles, facts);
        for (const g of menuOf(a)) {
          // a group of one page shows as a link with the page's own label
          if (g.items.length > 1 && !labelOk(g.label)) problems.push(`group label ${g.label[0]}`);
          for (const item of g.items) {
            const route = ROUTES.find((r) => r.page === item.page)!;
            const refused = route.calls.filter((c: CallName) => !mayCall(contract[c].roles, roles));
            if (refused.length > 0) problems.push(`${roles.join('+')}: ${item.page} offered, but ${refused.join(', ')} refused`);
            if (!labelOk(item.label)) problems.push(`label ${item.label[0]}`);
          }
        }
        for (const page of allowedPages(a)) {
          const route: Route = ROUTES.find((r) => r.page === page)!;
          const needed = route.calls.every((c) => mayCall(contract[c].roles, roles)) ? route.calls : (route.readOnly ?? route.calls);
          if (!needed.every((c) => mayCall(contract[c].roles, roles))) problems.push(`${roles.join('+')}: ${page} opens, but its calls are refused`);
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});

describe('addresses', () => {
  it('carry a place inside the page after ?, and keep a ? typed in a search inside its argument', () => {
    const href = hrefOf('read', 'work-safety-law', 'official', { unit: '第二十八条' });
    expect(parseHash(href)).toEqual({ page: 'read', arg: 'work-safety-law', sub: 'official', query: { unit: '第二十八条' } });
    expect(parseHash(hrefOf('search', '动火作业?'))).toEqual({ page: 'search', arg: '动火作业?', sub: null, query: {} });
    expect(hrefOf('read', 'work-safety-law', 'official')).toBe('#/read/work-safety-law/official');
  });
});
