import { useTranslation } from 'react-i18next';
import { sayHere } from '../../lib/message-language';
import type { CampaignSummary } from '../../../electron/shared/api';
import { clock, creditHours } from '../shell/format';
import type { SessionState } from './use-study-session';

/** A quiet counter that visibly pauses when time is not counted, and says why. */
export function StudyCounter({ session, campaign }: { session: SessionState; campaign: CampaignSummary }) {
  const { t } = useTranslation();
  if (session.kind === 'starting') return <div className="counter">{t('common.loading')}</div>;
  if (session.kind === 'ended')
    return (
      <div className="counter paused" role="status" data-testid="study-status">
        {session.reason === 'elsewhere' ? t('study.elsewhere') : typeof session.message === 'string' ? session.message : sayHere(session.message)}
      </div>
    );
  const { status, totals, sessionMs, trouble } = session;
  if (trouble)
    return (
      <div className="counter paused" role="status" data-testid="study-status">
        <span className="dot" aria-hidden />
        <span>{t('study.diskFull')}</span>
      </div>
    );
  const today = creditHours(totals.todayMs, totals.minutesPerCreditHour);
  const done = creditHours(totals.campaignMs, totals.minutesPerCreditHour);
  return (
    <div className={status.counting ? 'counter counting' : 'counter paused'} role="status" data-testid="study-status">
      <span className="dot" aria-hidden />
      <span>{status.counting ? t('study.counting') : t(`study.paused.${status.reason}`)}</span>
      <span className="sep">·</span>
      <span data-testid="session-clock">{t('study.thisSession', { time: clock(sessionMs) })}</span>
      <span className="sep">·</span>
      <span data-testid="reader-today">{t('study.todayOf', { n: today, total: done, target: totals.targetCreditHours })}</span>
    </div>
  );
}
