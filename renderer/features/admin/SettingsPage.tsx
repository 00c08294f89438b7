import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_VIDEO_UPLOAD_MB, PERSON_CATEGORIES, type Settings } from '../../../electron/core/model';
import { api } from '../../lib/api';
import { CategoryNumbers } from '../../components/CategoryNumbers';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';

/** Accounts locked and addresses blocked by failed logins: the administrator may lift one, saying why. */
function LocksPanel() {
  const { t } = useTranslation();
  const locks = useLoad(() => api['auth.locks']({}), []);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!locks.data) return <ErrorNote error={locks.error} />;
  async function lift(kind: 'account' | 'address', subject: string) {
    setError(null);
    try {
      await api['auth.unlock']({ kind, subject, reason });
      setReason('');
      locks.reload();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section className="card" data-testid="locks">
      <h2>{t('settings.locksTitle')}</h2>
      {locks.data.length === 0 ? (
        <p className="muted">{t('settings.noLocks')}</p>
      ) : (
        <>
          <label>
            {t('settings.unlockReason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <table className="table">
            <tbody>
              {locks.data.map((l) => (
                <tr key={`${l.kind}:${l.subject}`} data-subject={l.subject}>
                  <td>{l.kind === 'account' ? t('settings.lockedAccount', { no: l.subject }) : t('settings.blockedAddress', { address: l.subject })}</td>
                  <td>{t('settings.lockedUntil', { until: localDateTime(l.until) })}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      disabled={!reason.trim()}
                      title={reason.trim() ? undefined : t('settings.unlockNeedsReason')}
                      onClick={() => void lift(l.kind, l.subject)}
                    >
                      {t('settings.unlock')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const [s, setS] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api['settings.get']({}).then(setS, setError);
  }, []);
  if (!s) return error ? <ErrorNote error={error} /> : <p className="muted">{t('common.loading')}</p>;
  const num = (k: keyof Settings) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setSaved(false);
    setS({ ...s, [k]: Number(e.target.value) });
  };
  async function save(e: React.FormEvent) {
    e.preventDefault();
    try {
      setS(await api['settings.save'](s!));
      setSaved(true);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="stack">
      <LocksPanel />
      <form className="card grid2" onSubmit={save}>
        <h1 className="span2">{t('settings.title')}</h1>
        <label>
          {t('settings.minutesPerCreditHour')}
          <input type="number" min={10} max={120} value={s.minutesPerCreditHour} onChange={num('minutesPerCreditHour')} />
          <span className="muted small">{t('settings.minutesHint')}</span>
        </label>
        <label>
          {t('settings.idleLimit')}
          <input type="number" min={30} max={1800} value={s.idleLimitSeconds} onChange={num('idleLimitSeconds')} />
        </label>
        <label>
          {t('settings.heartbeat')}
          <input type="number" min={5} max={60} value={s.heartbeatSeconds} onChange={num('heartbeatSeconds')} />
        </label>
        <label>
          {t('settings.dailyCap')}
          <input type="number" min={1} max={24} value={s.dailyCapHours} onChange={num('dailyCapHours')} />
        </label>
        <label className="option">
          <input type="checkbox" checked={s.attentionChecks} onChange={(e) => (setSaved(false), setS({ ...s, attentionChecks: e.target.checked }))} />
          <span>{t('settings.attentionChecks')}</span>
        </label>
        <label>
          {t('settings.checkMin')}
          <input type="number" min={1} max={120} value={s.attentionCheckMinMinutes} onChange={num('attentionCheckMinMinutes')} />
        </label>
        <label>
          {t('settings.checkMax')}
          <input type="number" min={1} max={240} value={s.attentionCheckMaxMinutes} onChange={num('attentionCheckMaxMinutes')} />
        </label>
        <label>
          {t('settings.checkAnswer')}
          <input type="number" min={15} max={600} value={s.attentionCheckAnswerSeconds} onChange={num('attentionCheckAnswerSeconds')} />
        </label>
        <label>
          {t('settings.retentionYears')}
          <input type="number" min={1} max={50} value={s.retentionYears} onChange={num('retentionYears')} />
        </label>
        <label>
          {t('settings.essaySimilarity')}
          <input type="number" min={5} max={100} value={s.essaySimilarityPercent} onChange={num('essaySimilarityPercent')} />
        </label>
        <label>
          {t('settings.videoUploadMaxMb')}
          <input type="number" min={1} max={20480} value={s.videoUploadMaxMb ?? DEFAULT_VIDEO_UPLOAD_MB} onChange={num('videoUploadMaxMb')} data-testid="video-upload-max" />
        </label>
        <label>
          {t('settings.utcOffset')}
          <input type="number" min={-720} max={840} value={s.utcOffsetMinutes} onChange={num('utcOffsetMinutes')} />
        </label>
        <fieldset className="span2 attendance">
          <legend>{t('settings.targets')}</legend>
          <p className="muted small">{t('settings.targetsHint')}</p>
          <table className="table">
            <thead>
              <tr>
                <th>{t('people.category')}</th>
                <th>{t('settings.initial')}</th>
                <th>{t('settings.annual')}</th>
              </tr>
            </thead>
            <tbody>
              {PERSON_CATEGORIES.map((c) => (
                <tr key={c}>
                  <td>{c}</td>
                  {(['initial', 'annual'] as const).map((k) => (
                    <td key={k}>
                      <input
                        type="number"
                        min={0}
                        max={500}
                        className="narrow"
                        aria-label={`${c} ${t(`settings.${k}`)}`}
                        value={s.categoryTargets[c][k]}
                        onChange={(e) => (setSaved(false), setS({ ...s, categoryTargets: { ...s.categoryTargets, [c]: { ...s.categoryTargets[c], [k]: Number(e.target.value) } } }))}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <CategoryNumbers
          legend={t('settings.campaignTargets')}
          common={null}
          step={0.1}
          value={s.campaignTargetsByCategory}
          onChange={(next) => (setSaved(false), setS({ ...s, campaignTargetsByCategory: next }))}
          testId="campaign-targets"
        />
        <div className="span2 row">
          <button type="submit" className="primary big">
            {t('common.save')}
          </button>
          {saved && <span className="ok">{t('common.saved')}</span>}
          <ErrorNote error={error} />
        </div>
      </form>
    </div>
  );
}
