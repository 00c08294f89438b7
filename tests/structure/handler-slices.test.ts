// Each area answers its own calls in `services/<area>/handlers.ts`, and services/index.ts spreads
// the slices into one map. A call two slices both answered would silently keep only the later one
// (the compiler sees no problem): every call is answered by exactly one slice, and every slice
// answers only calls of the contract.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../electron/shared/api';

const DIR = path.join(process.cwd(), 'electron/main/services');

describe('handler slices', () => {
  it('answer each call of the contract exactly once', async () => {
    const answered: string[] = [];
    const areas = readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory() && readdirSync(path.join(DIR, d.name)).includes('handlers.ts'));
    expect(areas.length).toBeGreaterThan(10);
    for (const area of areas) {
      const mod = (await import(path.join(DIR, area.name, 'handlers.ts'))) as Record<string, unknown>;
      for (const slice of Object.values(mod)) if (slice && typeof slice === 'object') answered.push(...Object.keys(slice));
    }
    expect(answered.filter((n, i) => answered.indexOf(n) !== i)).toEqual([]);
    expect([...answered].sort()).toEqual([...CALL_NAMES].sort());
  });
});
