// Every key the UI uses exists in zh-CN and en-US, including the keys built from enumerations.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_KINDS, COLLECTIVE_TYPES, ALL_ESSAY_PARTS, EXCLUDE_REASONS, QUESTION_TYPES } from '../../electron/core/model';
import { CAMPAIGN_STATES } from '../../electron/core/campaign-scope';
import { enUS } from '../../renderer/i18n/en-US';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { MESSAGES } from '../../electron/shared/messages';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../renderer');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}
function lookup(obj: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}
function leaves(obj: unknown, prefix = ''): string[] {
  if (typeof obj === 'string') return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const staticKeys = [...new Set(files(root).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]!)))];
const enumKeys = [
  ...['not_started', 'draft', 'submitted', 'returned', 'accepted'].map((s) => `essay.status.${s}`),
  ...['not_started', 'draft', 'submitted', 'returned', 'accepted'].map((s) => `report.status.${s}`),
  ...['duties', 'work', 'rules'].flatMap((k) => [`report.parts.${k}.title`, `report.parts.${k}.prompt`]),
  ...['team', 'workshop', 'deputy', 'head'].map((l) => `people.level.${l}`),
  ...['employee', 'officer', 'archivist', 'admin'].map((r) => `accounts.role.${r}`),
  ...['procedure', 'abnormal', 'maintenance', 'rootcause'].map((k) => `inspect.kinds.${k}`),
  ...['post', 'team', 'workshop', 'dept'].map((k) => `inspect.scopes.${k}`),
  ...['pending', 'ok', 'problem', 'na'].map((k) => `inspect.results.${k}`),
  ...['general', 'major'].map((k) => `inspect.levels.${k}`),
  ...['open', 'rectified', 'closed'].map((k) => `inspect.status.${k}`),
  ...['report', 'inspection', 'essay', 'assessment', 'summary'].map((k) => `plan.ledger.${k}`),
  ...['overview', 'measures', 'problems', 'next'].flatMap((k) => [`summary.sections.${k}.title`, `summary.sections.${k}.prompt`]),
  ...QUESTION_TYPES.map((q) => `quiz.type.${q}`),
  ...EXCLUDE_REASONS.map((r) => `study.paused.${r}`),
  ...['create', 'update', 'same'].map((a) => `roster.actions.${a}`),
  ...ALL_ESSAY_PARTS.flatMap((p) => [`essay.parts.${p}.title`, `essay.parts.${p}.prompt`]),
  ...COLLECTIVE_TYPES.map((c) => `sessions.types.${c}`),
  ...EXCLUDE_REASONS.map((r) => `evidence.reason.${r}`),
  ...['many_missed_checks', 'long_sessions'].map((f) => `progress.flag.${f}`),
  ...['dept', 'team', 'category'].map((g) => `people.${g}`),
  ...['xlsx', 'gift'].map((f) => `bank.export.${f}`),
  ...['after_submit', 'after_end', 'never'].map((m) => `campaign.show.${m}`),
  ...['question', 'person'].map((b) => `grading.by.${b}`),
  ...['too_easy', 'too_hard', 'weak_discrimination', 'negative_discrimination'].map((f) => `results.flag.${f}`),
  ...['single', 'all'].map((l) => `quiz.layout_${l}`),
  ...['fixed', 'random'].map((m) => `paper.mode_${m}`),
  ...['campaign', 'all', 'dept', 'team'].map((x) => `batch.scope_${x}`),
  ...['running', 'done', 'cancelled', 'failed', 'interrupted'].map((x) => `batch.state_${x}`),
  ...[0, 1, 2, 3].map((d) => `bank.difficulty_${d}`),
  ...['short', 'employeeNo'].map((k) => `year.sort.${k}`),
  ...['dept', 'team', 'category'].map((g) => `year.groupBy.${g}`),
  ...['annual', 'initial'].map((r) => `year.requirement.${r}`),
  ...CAMPAIGN_STATES.flatMap((s) => [`campaigns.state.${s}`, `campaigns.group.${s}`]),
  ...CAMPAIGN_KINDS.map((k) => `campaigns.kind.${k}`),
];

describe('i18n', () => {
  it('finds the keys the UI uses', () => expect(staticKeys.length).toBeGreaterThan(100));
  // one test that lists every key missing in either language at once (not one test per key)
  it('every key the UI uses is a string in zh-CN and in en-US', () => {
    const keys = [...staticKeys, ...enumKeys];
    const missing = keys.flatMap((key) => [...(typeof lookup(zhCN, key) === 'string' ? [] : [`zh-CN ${key}`]), ...(typeof lookup(enUS, key) === 'string' ? [] : [`en-US ${key}`])]);
    expect(missing).toEqual([]);
  });
  it('en-US is complete and actually English (no Chinese except quoted column names)', () => {
    expect(leaves(enUS).sort()).toEqual(leaves(zhCN).sort());
    const chinese = leaves(enUS).filter((k) => /\p{Script=Han}/u.test(String(lookup(enUS, k))));
    expect(chinese.sort()).toEqual(['bank.intro', 'roster.columns']);
  });
  // the backend's catalog (electron/shared/messages): flat keys; every key missing or extra in either language at once
  it('the backend messages have the same keys in zh-CN and en-US, each a text', () => {
    const zhKeys = Object.keys(MESSAGES['zh-CN']);
    const enKeys = Object.keys(MESSAGES['en-US']);
    const problems = [
      ...zhKeys.filter((k) => !enKeys.includes(k)).map((k) => `missing in en-US: ${k}`),
      ...enKeys.filter((k) => !zhKeys.includes(k)).map((k) => `missing in zh-CN: ${k}`),
      ...[
        ...zhKeys.map((k) => ['zh-CN', k, (MESSAGES['zh-CN'] as Record<string, unknown>)[k]] as const),
        ...enKeys.map((k) => ['en-US', k, (MESSAGES['en-US'] as Record<string, unknown>)[k]] as const),
      ]
        .filter(([, , v]) => typeof v !== 'string' || v === '')
        .map(([lang, k]) => `not a text in ${lang}: ${k}`),
    ];
    expect(problems).toEqual([]);
  });
  it('placeholders match between the languages', () => {
    const vars = (s: unknown) =>
      [...String(s).matchAll(/\{\{(\w+)\}\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    const differ = leaves(zhCN).filter((k) => vars(lookup(enUS, k)) !== vars(lookup(zhCN, k)));
    expect(differ).toEqual([]);
  });
});
