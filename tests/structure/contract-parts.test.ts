// The contract's calls are written by area (electron/shared/calls/) and spread into one object in
// api.ts. A call two parts both named would silently keep only the later one, and a part left out
// of the spread would drop its calls: each call is named by exactly one part, and reaches the contract.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../electron/shared/api';

const DIR = path.join(process.cwd(), 'electron/shared/calls');
const isCall = (v: unknown) => typeof v === 'object' && v !== null && 'input' in v && 'roles' in v;

describe('contract parts', () => {
  it('name each call once, and every one of them is in the contract', async () => {
    const named: string[] = [];
    for (const f of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
      const mod = (await import(path.join(DIR, f))) as Record<string, unknown>;
      for (const part of Object.values(mod)) {
        if (typeof part !== 'object' || part === null) continue;
        const values = Object.values(part);
        if (values.length > 0 && values.every(isCall)) named.push(...Object.keys(part));
      }
    }
    expect(named.filter((n, i) => named.indexOf(n) !== i)).toEqual([]);
    expect([...named].sort()).toEqual([...CALL_NAMES].sort());
  });
});
