// Every message the backend writes (an error, a problem in a row of an imported file) carries an English side ("中文 / English"), which
// the screen shows when the user chose English (renderer/lib/message-language.ts). Read from the
// sources, so a new Chinese-only message fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../renderer/lib/message-language';

const ROOT = process.cwd();
const DIRS = ['electron/main/services', 'electron/main/transport', 'electron/main/storage', 'electron/records', 'electron/core'];
/**
 * where a message is written as a literal: an error (badInput('…'), notFound(`…`), new ApiError('code', '…'))
 * or a problem found in a file's row, a form's field ({ …, message: '…' }, { problem: '…' })
 */
const CALL = /(?:\b(?:badInput|notFound|conflict|forbidden)\(|\bApiError\(\s*'[a-z_]+',|\b(?:message|problem): )\s*(?=[`'])/g;

/** The literal that starts at `at`, placeholders (`${…}`, nested literals in them too) replaced by a name. */
function literalAt(src: string, at: number): string {
  const q = src[at]!;
  let out = '';
  for (let i = at + 1; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\') {
      out += src[++i];
    } else if (ch === q) {
      return out;
    } else if (q === '`' && ch === '$' && src[i + 1] === '{') {
      // skip to the brace that closes this placeholder (literals inside it may hold braces of their own)
      let depth = 0;
      for (i += 1; i < src.length; i++) {
        if (src[i] === '{') depth += 1;
        else if (src[i] === '}' && --depth === 0) break;
        else if (src[i] === '`' || src[i] === "'") i = skipLiteral(src, i);
      }
      out += '张三';
    } else out += ch;
  }
  throw new Error(`unterminated literal at ${at}: ${src.slice(at, at + 80)}`);
}
function skipLiteral(src: string, at: number): number {
  const q = src[at]!;
  for (let i = at + 1; i < src.length; i++) {
    if (src[i] === '\\') i += 1;
    else if (q === '`' && src[i] === '$' && src[i + 1] === '{') {
      let depth = 0;
      for (i += 1; i < src.length; i++) {
        if (src[i] === '{') depth += 1;
        else if (src[i] === '}' && --depth === 0) break;
        else if (src[i] === '`' || src[i] === "'") i = skipLiteral(src, i);
      }
    } else if (src[i] === q) return i;
  }
  return src.length;
}

function messages(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const dir of DIRS) {
    // the whole tree: services kept in folders by area are read too
    for (const f of readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(path.join(ROOT, dir, f), 'utf8');
      for (const m of src.matchAll(CALL)) {
        const line = src.slice(0, m.index).split('\n').length;
        // what a placeholder says is not known here: a name stands in for it
        out.push({ where: `${dir}/${f}:${line}`, text: literalAt(src, m.index! + m[0].length) });
      }
    }
  }
  return out;
}

describe('backend messages in both languages', () => {
  const all = messages();
  it('finds the messages (the reading of the sources works)', () => {
    expect(all.length).toBeGreaterThan(200);
  });
  it('each one has an English side that the screen shows in English', () => {
    // a message that is only placeholders ("张三：张三") says nothing of its own
    const chineseOnly = all.filter((m) => /[\u4e00-\u9fff]/.test(m.text.replaceAll('张三', '')) && inLanguage(m.text, 'en-US') === m.text).map((m) => `${m.where}: ${m.text}`);
    expect(chineseOnly).toEqual([]);
  });
  it('and in Chinese the Chinese side', () => {
    const wrong = all.filter((m) => /[\u4e00-\u9fff]/.test(m.text.replaceAll('张三', '')) && !/[\u4e00-\u9fff]/.test(inLanguage(m.text, 'zh-CN'))).map((m) => m.where);
    expect(wrong).toEqual([]);
  });
});
