import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './en-US';
import { zhCN } from './zh-CN';
import { MESSAGES, MESSAGES_NS } from '../../electron/shared/messages';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('anxue.lang') : null;

void i18n.use(initReactI18next).init({
  // the backend's messages in a namespace of their own (flat keys, looked up with MESSAGE_LOOKUP)
  resources: { 'zh-CN': { translation: zhCN, [MESSAGES_NS]: MESSAGES['zh-CN'] }, 'en-US': { translation: enUS, [MESSAGES_NS]: MESSAGES['en-US'] } },
  lng: saved === 'en-US' ? 'en-US' : 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export function setLanguage(lng: (typeof LANGUAGES)[number]) {
  localStorage.setItem('anxue.lang', lng);
  document.documentElement.lang = lng;
  void i18n.changeLanguage(lng);
}

export default i18n;
