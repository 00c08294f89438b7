// The lookup of the hot paths (services/list-index.ts) answers as find() would, for the list it is given.
import { describe, expect, it } from 'vitest';
import { indexOf } from '../../electron/main/services/list-index';

describe('a list looked up by key', () => {
  it('finds the first entry of a key, leaves out what keyOf leaves out, and a new list gets a new index', () => {
    const a = [
      { no: 'E1', off: true, n: 1 },
      { no: 'E1', off: false, n: 2 },
      { no: 'E2', off: false, n: 3 },
    ];
    expect(indexOf(a, 'all', (x) => x.no).get('E1')?.n).toBe(1);
    expect(indexOf(a, 'on', (x) => (x.off ? null : x.no)).get('E1')?.n).toBe(2);
    expect(indexOf(a, 'on', (x) => (x.off ? null : x.no)).get('E9')).toBeUndefined();
    const b = a.filter((x) => x.n !== 3);
    expect(indexOf(b, 'all', (x) => x.no).get('E2')).toBeUndefined();
    expect(indexOf(a, 'all', (x) => x.no).get('E2')?.n).toBe(3);
  });
});
