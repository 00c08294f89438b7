// The backend's messages (errors, problems found in an imported file) as keys with values, in one
// catalog per language: the renderer shows them through its i18next (namespace MESSAGES_NS), the
// command line and the logs through main/messages.ts. Text uses i18next's {{name}} placeholders.
import { messagesEnUS } from './en-US';
import { messagesZhCN } from './zh-CN';
import type { Message, MessageParam } from '../../core/message';

export type { Message, MessageParam } from '../../core/message';
export type MessageKey = keyof typeof messagesZhCN;
export type MessageParams = Record<string, MessageParam>;
/** A message whose key the compiler knows is in the catalog. */
export type KnownMessage = Message & { key: MessageKey };

export const MESSAGES_NS = 'messages';
export const MESSAGES = { 'zh-CN': messagesZhCN, 'en-US': messagesEnUS } as const;
/** i18next's options for looking up a key of this catalog: the keys are flat, their dots are not paths */
export const MESSAGE_LOOKUP = { ns: MESSAGES_NS, keySeparator: false, nsSeparator: false } as const;

export function isMessageKey(s: string): s is MessageKey {
  return Object.prototype.hasOwnProperty.call(messagesZhCN, s);
}
