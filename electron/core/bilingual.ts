// Text in both languages, written "中文 / English", from the producers not yet moved to the message
// catalog (see BILINGUAL_TEXT in ./message.ts): telling the sides apart, to show the reader's.

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;
/** English words: the English side is written in them (it may quote a Chinese name or title) */
const WORDS = /[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}/;

/** The Chinese and English sides of a message; en is null when it has only one language (or is a list with " / "). */
export function sidesOf(message: string): { zh: string; en: string | null } {
  const at = message.lastIndexOf(' / ');
  if (at < 0) return { zh: message, en: null };
  const zh = message.slice(0, at);
  const en = message.slice(at + 3);
  // "主要负责人 / 安全管理人员" is a list, not a translation: no English words on the right
  if (!CJK.test(zh) || !WORDS.test(en.replace(/[\u3400-\u9fff\uff00-\uffef]+/g, ' '))) return { zh: message, en: null };
  return { zh, en };
}

/** The side of `text` in `lang` (zh… or en…); text in one language (or a list with " / ") whole. */
export function sideOf(text: string, lang: string): string {
  const s = sidesOf(text);
  if (s.en === null) return text;
  return lang.toLowerCase().startsWith('zh') ? s.zh : s.en;
}
