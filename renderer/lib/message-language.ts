// Messages from the backend carry both languages, as "中文 / English" (older records of messages, Chinese only).
// The side in the user's language is shown; a message without an English side is shown whole.

import { sidesOf } from '../../electron/core/bilingual';

/** The part of `message` in `lang` (zh… or en…); a message in one language (or a list with " / ") is shown whole. */
export function inLanguage(message: string, lang: string): string {
  const s = sidesOf(message);
  if (s.en === null) return message;
  return lang.toLowerCase().startsWith('zh') ? s.zh : s.en;
}
