// The backend says things as keys of its message catalog (electron/shared/messages) with values,
// which the screen and the command line show in their language. Read from the sources: every key
// a source names is in the catalog, and no error is written as text (in one language, or as
// "中文 / English") any more, so a new message without its English fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { messageText, type Message } from '../../electron/core/message';
import { MESSAGE_LOOKUP, MESSAGES, MESSAGES_NS } from '../../electron/shared/messages';

/** the catalog as the screen reads it: an i18next of its own, as renderer/i18n sets it up */
const i18n = i18next.createInstance();
void i18n.init({ resources: { 'zh-CN': { [MESSAGES_NS]: MESSAGES['zh-CN'] }, 'en-US': { [MESSAGES_NS]: MESSAGES['en-US'] } }, lng: 'zh-CN', interpolation: { escapeValue: false }, initAsync: false });
const sayIn = (lng: string, m: Message) => messageText((key, params) => i18n.t(key, { ...MESSAGE_LOOKUP, ...params, lng }), m, lng);

const ROOT = process.cwd();
const DIRS = ['electron/main', 'electron/records', 'electron/core', 'electron/shared'];
/** where a message starts: an error (badInput(…), new ApiError('code', …), an HTTP refusal), a message core writes (said(…)) */
const CALL = /\b(?:badInput|notFound|conflict|forbidden|said)\(|\bnew (?:ApiError|HttpRefusal)\((?:\s*\d+,)?\s*'[a-z_]+',/g;

function sources(): { file: string; src: string }[] {
  return DIRS.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((n) => n.endsWith('.ts'))
      .map((f) => ({ file: `${dir}/${f}`, src: readFileSync(path.join(ROOT, dir, f), 'utf8') })),
  );
}

/** The text of a call's message argument: up to its values ({…}) or the call's end, whatever comes first. */
function messageArg(src: string, at: number): string {
  let depth = 0;
  for (let i = at; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "'" || ch === '`') {
      const q = ch;
      for (i += 1; i < src.length && src[i] !== q; i++) if (src[i] === '\\') i += 1;
    } else if (ch === '(') depth += 1;
    else if (ch === '{' || (ch === ',' && depth === 0)) return src.slice(at, i);
    else if (ch === ')' && depth-- === 0) return src.slice(at, i);
  }
  return src.slice(at);
}

const all = sources().flatMap(({ file, src }) =>
  [...src.matchAll(CALL)].map((m) => ({ where: `${file}:${src.slice(0, m.index).split('\n').length}`, file, arg: messageArg(src, m.index! + m[0].length) })),
);
const zh = MESSAGES['zh-CN'] as Record<string, string>;
const en = MESSAGES['en-US'] as Record<string, string>;

describe('backend messages', () => {
  it('finds the messages (the reading of the sources works)', () => {
    expect(all.length).toBeGreaterThan(250);
  });
  it('every key a source names is in the catalog', () => {
    const missing = all.flatMap((c) =>
      [...c.arg.matchAll(/'([a-z]+(?:\.[A-Za-z0-9]+)+)'/g)]
        .map((m) => m[1]!)
        .filter((k) => !(k in zh))
        .map((k) => `${c.where}: ${k}`),
    );
    expect(missing).toEqual([]);
  });
  it('no error or message is written as text: each is a key, none "中文 / English"', () => {
    const written = all.filter((c) => /[`'][^`']*\p{Script=Han}/u.test(c.arg)).map((c) => `${c.where}: ${c.arg.slice(0, 80)}`);
    expect(written).toEqual([]);
    const bilingualFiles = sources()
      .filter(({ src }) => /\b(?:message|problem): [`'][^`'\n]*\p{Script=Han}[^`'\n]* \/ [^`'\n]*[A-Za-z]{2,}/u.test(src))
      .map((s) => s.file);
    expect(bilingualFiles).toEqual([]);
    // a schema's rule says its words as a key too (core/message.ts ruleOf): none written as text
    const rules = sources().flatMap(({ file, src }) =>
      [...src.matchAll(/\.(?:min|max|length|regex|nonempty|refine)\((?:[^()'`]|\/[^/\n]*\/)*,\s*['`][^'`]*\p{Script=Han}|\bmessage: ['`][^'`\n]*\p{Script=Han}/gu)].map(
        (m) => `${file}:${src.slice(0, m.index).split('\n').length}`,
      ),
    );
    expect(rules).toEqual([]);
  });
  it('every message says something in both languages, with the same placeholders', () => {
    const vars = (s: string) =>
      [...s.matchAll(/\{\{(\w+)\}\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    const bad = Object.keys(zh).filter((k) => {
      const said = zh[k]!.replace(/\{\{\w+\}\}/g, '');
      // a message that is only its values ("{{problem}}", "{{name}}（{{employeeNo}}）") carries text said elsewhere
      if (!/[\p{Script=Han}A-Za-z]/u.test(said)) return vars(zh[k]!) !== vars(en[k] ?? '');
      return !/\p{Script=Han}/u.test(said) || !/[A-Za-z]{2,}/.test(en[k]!.replace(/\{\{\w+\}\}/g, '')) || vars(zh[k]!) !== vars(en[k]!);
    });
    expect(bad).toEqual([]);
  });
  it('a message is said in each language, values and nested messages filled in', () => {
    const m = { key: 'report.notYourSuperiorRoster', params: { who: { key: 'report.employeeNo', params: { employeeNo: 'A9' } }, want: { key: 'report.theBureau' } } };
    expect(sayIn('zh-CN', m)).toBe('工号 A9 不是你的上级：按花名册，你的述职报告应提交给 县应急管理局');
    expect(sayIn('en-US', m)).toBe('employee no. A9 is not your superior: by the roster your duty report goes to the county emergency-management bureau');
  });
});
