// A message for people, as a key of the backend's message catalog (electron/shared/messages) and
// the values it names: the screen and the command line say it in their own language. Core writes
// them too (a refused row of an imported file), so the shape lives here, below the catalog; that
// every key a source names is in the catalog is checked by tests/renderer/backend-messages.test.ts.

/** a value of a message: a name, a number, or a message of its own (a row's problem inside "file, row …") */
import { sideOf } from './bilingual';

export type MessageParam = string | number | Message;

export interface Message {
  key: string;
  params?: Record<string, MessageParam>;
}

export const said = (key: string, params?: Record<string, MessageParam>): Message => (params ? { key, params } : { key });

/** A schema rule's words: a catalog key, or text (zod's English; ours in core/model.ts, "中文 / English" until moved), said by side. */
export function ruleOf(text: string): Message {
  return /^[a-z]+(\.[A-Za-z0-9]+)+$/.test(text) ? said(text) : said(BILINGUAL_TEXT, { text });
}

export function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string';
}

/**
 * Text written "中文 / English" by a producer not yet moved to the catalog (the zip reader's
 * problems, a bank file's refused rows, an archive's verification problems), carried as the
 * `text` of this key; the side in the reader's language is shown (./bilingual.ts).
 */
export const BILINGUAL_TEXT = 'common.bilingualText';

/** The text of a message through a translate function (i18next's t): nested messages first. */
export function messageText(t: (key: string, params: Record<string, string | number>) => string, m: Message, lang: string): string {
  if (m.key === BILINGUAL_TEXT) return sideOf(String(m.params?.text ?? ''), lang);
  const flat: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) flat[k] = isMessage(v) ? messageText(t, v, lang) : v;
  return t(m.key, flat);
}
