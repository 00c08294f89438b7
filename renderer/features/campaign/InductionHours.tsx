import { useTranslation } from 'react-i18next';
import { INDUCTION_LEVELS, type CampaignInput } from '../../../electron/core/model';

type Levels = NonNullable<CampaignInput['induction']>['levels'];

/**
 * 三级安全教育: the 学时 of each level (公司级, 车间级, 班组级), the split being the enterprise's own
 * choice; their sum is shown beside the campaign's target so the two are seen to agree.
 */
export function InductionHours({ value, target, onChange }: { value: Levels | undefined; target: number; onChange: (next: Levels) => void }) {
  const { t } = useTranslation();
  const levels: Levels = value ?? INDUCTION_LEVELS.map((level) => ({ level, hours: 0 }));
  const total = Math.round(levels.reduce((n, l) => n + l.hours, 0) * 10) / 10;
  return (
    <section className="card" data-testid="induction-hours">
      <h2>{t('campaign.inductionHours')}</h2>
      <div className="row">
        {levels.map((l, i) => (
          <label key={l.level}>
            {t(`induction.level.${l.level}`)}
            <input type="number" min={0} step={0.5} value={l.hours} onChange={(e) => onChange(levels.map((x, j) => (j === i ? { ...x, hours: Number(e.target.value) } : x)))} />
          </label>
        ))}
      </div>
      <p className={total === target ? 'muted' : 'notice'} data-testid="induction-total">
        {total === target ? t('campaign.inductionTotal', { total }) : t('campaign.inductionTotalDiffers', { total, target })}
      </p>
    </section>
  );
}
