import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n/index';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const next = i18n.language === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <button type="button" className="link" onClick={() => setLanguage(next)} title="Language / 语言">
      {next === 'en-US' ? 'English' : '中文'}
    </button>
  );
}
