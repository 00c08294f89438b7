// The backend's messages (an error, a refused row of an imported file) are keys of its catalog
// (electron/shared/messages) with values: shown here in the user's language.
import i18n from '../i18n';
import { messageText, type Message } from '../../electron/core/message';
import { MESSAGE_LOOKUP } from '../../electron/shared/messages';

/** A backend message in the language the page shows. */
export function sayHere(m: Message): string {
  return messageText((key, params) => i18n.t(key, { ...MESSAGE_LOOKUP, ...params }), m, i18n.language);
}

/** What an error says: a backend message in the user's language, else its own words. */
export function errorText(e: unknown): string {
  if (e instanceof Error && 'said' in e && e.said) return sayHere(e.said as Message);
  return e instanceof Error ? e.message : String(e);
}
