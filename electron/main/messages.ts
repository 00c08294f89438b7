// The backend's messages said in words: in Chinese for an error's `message` (logs, older clients)
// and in the command line's language (ANXUE_LANG=en-US for English; Chinese by default).
import i18next from 'i18next';
import { messageText, setChineseOf, type Message } from '../core/message';
import { MESSAGES, MESSAGES_NS, type MessageKey, type MessageParams } from '../shared/messages';

export type Lang = keyof typeof MESSAGES;

const i18n = i18next.createInstance();
void i18n.init({
  resources: { 'zh-CN': { [MESSAGES_NS]: MESSAGES['zh-CN'] }, 'en-US': { [MESSAGES_NS]: MESSAGES['en-US'] } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  ns: [MESSAGES_NS],
  defaultNS: MESSAGES_NS,
  // keys are flat ("roster.row.unknownLevel"), not paths
  keySeparator: false,
  nsSeparator: false,
  // plain text, never HTML
  interpolation: { escapeValue: false },
  // the resources are here: ready at once, t() works from the first call
  initAsync: false,
});

/** The command line's language: ANXUE_LANG (en… → English), else Chinese. */
export function cliLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return /^en/i.test(env.ANXUE_LANG ?? '') ? 'en-US' : 'zh-CN';
}

export function sayIn(lang: Lang, m: Message): string {
  return messageText((key, params) => i18n.t(key, { ...params, lng: lang }), m, lang);
}

/** A message of the catalog in the command line's language: a report line, a log line. */
export const sayCli = (key: MessageKey, params?: MessageParams): string => sayIn(cliLang(), { key, params });

// the errors of records/ and storage/ (core/message.ts MessageError) write their Chinese through this catalog
setChineseOf((m) => sayIn('zh-CN', m));
