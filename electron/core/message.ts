// A message for people, as a key of the backend's message catalog (electron/shared/messages) and
// the values it names: the screen and the command line say it in their own language. Core writes
// them too (a refused row of an imported file), so the shape lives here, below the catalog; that
// every key a source names is in the catalog is checked by tests/renderer/backend-messages.test.ts.

/** a value of a message: a name, a number, or a message of its own (a row's problem inside "file, row …") */
export type MessageParam = string | number | Message;

export interface Message {
  key: string;
  params?: Record<string, MessageParam>;
}

export const said = (key: string, params?: Record<string, MessageParam>): Message => (params ? { key, params } : { key });

/**
 * What a schema rule that refused a value says: our rules name a key of the catalog as their
 * message (core/model.ts, shared/calls), with the values of a custom issue as its params; zod's own
 * rules (a length, a type) say it in English, shown as they are in either language.
 */
export function ruleOf(issue: { message: string; params?: Record<string, unknown> }): Message {
  if (!/^[a-z]+(\.[A-Za-z0-9]+)+$/.test(issue.message)) return said('common.ruleText', { text: issue.message });
  const params = Object.entries(issue.params ?? {}).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number');
  return said(issue.message, params.length > 0 ? Object.fromEntries(params) : undefined);
}

export function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string';
}

/**
 * How an error below the catalog writes its Chinese text: the catalog is above this layer, so the
 * process's catalog (main/messages.ts) sets it when it loads; until then, the key and its values.
 */
let chineseOf = (m: Message): string => `${m.key} ${JSON.stringify(m.params ?? {})}`;
export function setChineseOf(f: (m: Message) => string): void {
  chineseOf = f;
}

/**
 * An error that is a message of the catalog, thrown by the layers below it (records/, storage/):
 * `said` is what a person is told, in their language; `message` is its Chinese text (logs).
 */
export class MessageError extends Error {
  constructor(readonly said: Message) {
    super(chineseOf(said));
  }
}

/** The message an error carries for people (a MessageError, a CLI refusal, a zip's or a backup's problem), if any. */
export function saidOf(e: unknown): Message | undefined {
  const m = typeof e === 'object' && e !== null ? (e as { said?: unknown }).said : undefined;
  return isMessage(m) ? m : undefined;
}

/** The text of a message through a translate function (i18next's t): nested messages first. */
export function messageText(t: (key: string, params: Record<string, string | number>) => string, m: Message, lang: string): string {
  const flat: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) flat[k] = isMessage(v) ? messageText(t, v, lang) : v;
  return t(m.key, flat);
}
