import { describe, expect, it } from 'vitest';
import { paperStats, questionStats } from '../../electron/core/quiz-stats';

describe('quiz statistics (Moodle definitions)', () => {
  // Four people, three one-point questions. Hand-computed:
  //   q1 = 1,1,0,0 (F 50, sample SD 57.7); rest q2+q3 = 2,1,1,1: Σdxdy 0.5, Σdx² 1, Σdy² 0.75 → r 0.577 → D 57.7
  //   q2 = 1,0,1,0 (F 50); rest q1+q3 = 2,2,0,1: Σdxdy −0.5, Σdy² 2.75 → r −0.302 → D −30.2 (check the key)
  //   q3 = 1,1,0,1 (F 75); rest q1+q2 = 2,1,1,0: Σdxdy 0 → D 0 (weak)
  const attempts = [{ scores: { q1: 1, q2: 1, q3: 1 } }, { scores: { q1: 1, q2: 0, q3: 1 } }, { scores: { q1: 0, q2: 1, q3: 0 } }, { scores: { q1: 0, q2: 0, q3: 1 } }];
  const qs = [
    { id: 'q1', max: 1 },
    { id: 'q2', max: 1 },
    { id: 'q3', max: 1 },
  ];
  it('facility, standard deviation and discrimination match hand computation', () => {
    const [s1, s2, s3] = questionStats(attempts, qs);
    expect(s1).toMatchObject({ attempts: 4, facility: 50, sd: 57.7, discrimination: 57.7, flags: [] });
    expect(s2).toMatchObject({ facility: 50, discrimination: -30.2, flags: ['negative_discrimination'] });
    expect(s3).toMatchObject({ facility: 75, discrimination: 0, flags: ['weak_discrimination'] });
  });
  it('flags questions everyone gets right, nobody gets right, or the weaker group gets right more often', () => {
    const all = [{ scores: { a: 1, b: 0, c: 0 } }, { scores: { a: 1, b: 0, c: 1 } }, { scores: { a: 1, b: 0, c: 0 } }];
    const [a, b] = questionStats(all, [
      { id: 'a', max: 1 },
      { id: 'b', max: 1 },
    ]);
    expect(a!.flags).toContain('too_easy');
    expect(b!.flags).toContain('too_hard');
    const reversed = [{ scores: { k: 0, x: 1, y: 1 } }, { scores: { k: 0, x: 1, y: 1 } }, { scores: { k: 1, x: 0, y: 0 } }, { scores: { k: 1, x: 0, y: 1 } }];
    expect(questionStats(reversed, [{ id: 'k', max: 1 }])[0]!.flags).toEqual(['negative_discrimination']);
  });
  it('paper: mean, median, pass rate and a histogram in tens', () => {
    expect(paperStats([100, 85, 60, 79.9, 80], 80)).toEqual({ attempts: 5, mean: 81, median: 80, passRate: 60, histogram: [0, 0, 0, 0, 0, 0, 1, 1, 2, 1] });
  });
});
