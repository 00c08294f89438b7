// Messages from the backend are Chinese; the newer ones carry English too, as "中文 / English".
// The side in the user's language is shown; a message without an English side is shown whole.

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/** The part of `message` in `lang` (zh… or en…): split at its last " / " when only the left side is Chinese. */
export function inLanguage(message: string, lang: string): string {
  const at = message.lastIndexOf(' / ');
  if (at < 0) return message;
  const zh = message.slice(0, at);
  const en = message.slice(at + 3);
  // "主要负责人 / 安全管理人员" is a list, not a translation: both sides Chinese
  if (!CJK.test(zh) || CJK.test(en) || en.trim() === '') return message;
  return lang.toLowerCase().startsWith('zh') ? zh : en;
}
