// Import circles in electron/ and renderer/: modules that import each other, directly or round a
// loop (type-only imports and `import('…')` types count: they tie the files together all the same).
// There are none; a new one fails here, naming its files.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

function resolve(from: string, spec: string): string | null {
  const base = path.join(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    const abs = path.join(ROOT, c);
    if (existsSync(abs) && statSync(abs).isFile()) return path.normalize(c);
  }
  return null;
}

function graph(files: string[]): Map<string, Set<string>> {
  const g = new Map<string, Set<string>>();
  for (const f of files) {
    const src = readFileSync(path.join(ROOT, f), 'utf8');
    const deps = new Set<string>();
    for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const to = resolve(f, m[1]!);
      if (to && to !== f) deps.add(to);
    }
    g.set(f, deps);
  }
  return g;
}

/** Strongly connected components of two or more files (Tarjan). */
function circles(g: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('import circles', () => {
  const found = circles(graph([...sources('electron'), ...sources('renderer')]));

  it('reads the import graph (a file that imports its neighbour is seen)', () => {
    const g = graph(sources('electron'));
    expect(g.size).toBeGreaterThan(100);
    expect(g.get(path.normalize('electron/main/services/study/practice.ts'))).toContain(path.normalize('electron/core/wrong-book.ts'));
  });

  it('finds a circle round three files, and none in a straight line', () => {
    const g = new Map([
      ['a.ts', new Set(['b.ts'])],
      ['b.ts', new Set(['c.ts'])],
      ['c.ts', new Set(['a.ts', 'd.ts'])],
      ['d.ts', new Set<string>()],
    ]);
    expect(circles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    g.get('c.ts')!.delete('a.ts');
    expect(circles(g)).toEqual([]);
  });

  it('no import circle in electron/ or renderer/', () => {
    expect(found.map((c) => c.join(' ↔ '))).toEqual([]);
  });
});
