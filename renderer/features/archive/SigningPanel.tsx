import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';

/**
 * The enterprise's signing key as the archivist needs it: the fingerprint to give an inspector,
 * whether exports made now are signed, and the latest checkpoint's digest to hand to the bureau.
 */
export function SigningPanel() {
  const { t } = useTranslation();
  const s = useLoad(() => api['signing.status']({}), []);
  if (!s.data) return null;
  const { fingerprint, unlocked, latest } = s.data;
  return (
    <section className="card" data-testid="signing">
      <h2>{t('signing.title')}</h2>
      {fingerprint ? (
        <>
          <p>
            {t('signing.fingerprint')} <span className="mono small">{fingerprint}</span>
          </p>
          <p className={unlocked ? 'ok' : 'notice'}>{unlocked ? t('signing.unlocked') : t('signing.locked')}</p>
          {latest ? (
            <p className="small">
              {t('signing.latest', { seq: latest.seq, at: localDateTime(latest.at), people: latest.people })} <span className="mono">{latest.hash}</span>
            </p>
          ) : (
            <p className="muted small">{t('signing.noCheckpoint')}</p>
          )}
          <p className="muted small">{t('signing.hint')}</p>
        </>
      ) : (
        <p className="notice">{t('signing.none')}</p>
      )}
    </section>
  );
}
