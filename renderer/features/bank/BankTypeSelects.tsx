import { useTranslation } from 'react-i18next';
import { QUESTION_TYPES } from '../../../electron/core/model';

/** '\u0000' in the bank select means "all banks" ('' is the bundled bank's name). */
export const ALL_BANKS = '\u0000';

/** The two selects every question list filters by: which bank, which type ('' for all types). */
export function BankTypeSelects({ banks, bank, type, onBank, onType }: { banks: string[]; bank: string; type: string; onBank: (b: string) => void; onType: (t: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <select aria-label={t('paper.bank')} value={bank} onChange={(e) => onBank(e.target.value)}>
        <option value={ALL_BANKS}>{t('paper.allBanks')}</option>
        {banks.map((b) => (
          <option key={b} value={b}>
            {b || t('bank.bundled')}
          </option>
        ))}
      </select>
      <select aria-label={t('paper.type')} value={type} onChange={(e) => onType(e.target.value)}>
        <option value="">{t('paper.allTypes')}</option>
        {QUESTION_TYPES.map((x) => (
          <option key={x} value={x}>
            {t(`quiz.type.${x}`)}
          </option>
        ))}
      </select>
    </>
  );
}
