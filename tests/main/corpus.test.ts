import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultContentDir, loadContent, manifestSchema } from '../../electron/main/services/corpus';
import { removeDir, tempDir } from '../helpers/temp-app';

describe('bundled content', () => {
  it('the manifest is valid and every document and bank it names loads', () => {
    const dir = defaultContentDir();
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
    const c = loadContent(dir);
    expect(c.list().map((d) => d.format).sort()).toEqual(['md', 'pdf']);
    for (const d of manifest.documents) {
      expect(existsSync(path.join(dir, d.file)), d.file).toBe(true);
      const f = c.get(d.id);
      if (d.format === 'md') expect(f.text!.length).toBeGreaterThan(200);
      else expect(Buffer.from(f.base64!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(c.questions().length).toBeGreaterThanOrEqual(5);
  });

  it('every bundled document is marked as the team’s study notes, not an official text', () => {
    const dir = defaultContentDir();
    for (const d of loadContent(dir).list()) {
      expect(d.studyNote).toBe(true);
      expect(d.issuer).toContain('安学团队');
    }
    expect(readFileSync(path.join(dir, 'docs/warning-month-study-notes.md'), 'utf8')).toContain('不是');
  });

  it('a manifest whose file path leaves the content folder is refused, naming the field', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'docs'));
    const bad = JSON.parse(readFileSync(path.join(defaultContentDir(), 'manifest.json'), 'utf8'));
    bad.documents[0].file = '../../etc/passwd.md';
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(bad));
    expect(() => loadContent(dir)).toThrow(/documents\.0\.file/);
    removeDir(dir);
  });

  it('an unknown document id is a clear not-found', () => {
    expect(() => loadContent(defaultContentDir()).get('nope')).toThrow(/nope/);
  });
});
