import { describe, expect, it } from 'vitest';
import { sayIn } from '../../electron/main/messages';
import { checkScores, defaultScoreSheet, reportPartsSchema } from '../../electron/core/duty-report';

describe('述职 score sheet', () => {
  it("the default sheet has 100 points and names the reporter's own scope", () => {
    for (const level of ['team', 'workshop', 'deputy', 'head'] as const) expect(defaultScoreSheet(level).reduce((n, i) => n + i.max, 0)).toBe(100);
    expect(defaultScoreSheet('team')[1]!.name).toMatch(/^班组/);
    expect(defaultScoreSheet('workshop')[1]!.name).toMatch(/^车间/);
  });

  it('a scoring adds up (in tenths), and every item must be scored within its points', () => {
    const sheet = defaultScoreSheet('team');
    expect(checkScores(sheet, [20.1, 20.2, 18, 15, 12])).toEqual({ ok: true, total: 85.3 });
    expect(checkScores(sheet, [20, 20, 18, 15])).toMatchObject({ ok: false, field: 'points' });
    const over = checkScores(sheet, [26, 20, 18, 15, 12]);
    expect(over).toMatchObject({ ok: false, field: 'points.0' });
    if (!over.ok)
      expect(`${sayIn('zh-CN', over.message)} / ${sayIn('en-US', over.message)}`).toBe(
        '「岗位安全生产责任制落实」的得分应在 0 到 25 之间 / the score of “岗位安全生产责任制落实” should be from 0 to 25',
      );
    expect(checkScores(sheet, [20, -1, 18, 15, 12])).toMatchObject({ ok: false, field: 'points.1' });
    expect(checkScores(sheet, [20, Number.NaN, 18, 15, 12])).toMatchObject({ ok: false, field: 'points.1' });
    expect(checkScores([], [])).toMatchObject({ ok: false, field: 'sheet' });
  });

  it("a 述职 has the notice's three parts and nothing else", () => {
    expect(reportPartsSchema.safeParse({ duties: 'a', work: 'b', rules: 'c' }).success).toBe(true);
    expect(reportPartsSchema.safeParse({ duties: 'a', work: 'b' }).success).toBe(false);
    expect(reportPartsSchema.safeParse({ duties: 'a', work: 'b', rules: 'c', extra: 'd' }).success).toBe(false);
  });
});
