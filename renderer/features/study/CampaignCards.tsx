// An employee who takes part in several campaigns at once (the warning month and a new hire's
// induction, say) sees each as a card: its own 学时 against its own target, its deadline and what is
// left. Tapping a card makes it the campaign their pages (study, quiz, essay) work on. The rule by
// which one stretch of reading counts toward several is said on screen, once, in plain words.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignListItem } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { CampaignFacts } from '../shell/CampaignPicker';
import { ErrorNote } from '../shell/ErrorNote';
import { creditHours, dayText, todayIso } from '../shell/format';
import { useLoad } from '../shell/use-load';
import { ProgressBar } from './ProgressBar';

/** Whole days from `from` to `to` (YYYY-MM-DD), counting neither end's time of day. */
export function daysBetween(from: string, to: string): number {
  const d = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((d(to) - d(from)) / 86_400_000);
}

/** The deadline that matters today: the study window's end while it runs, else the campaign's end. */
export function deadlineOf(c: Pick<CampaignListItem, 'studyEnd' | 'end'>, today: string): { kind: 'study' | 'campaign'; day: string } {
  return today <= c.studyEnd ? { kind: 'study', day: c.studyEnd } : { kind: 'campaign', day: c.end };
}

export function CampaignCards({ campaigns, chosenId, onChoose }: { campaigns: readonly CampaignListItem[]; chosenId: string; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const [pastOpen, setPastOpen] = useState(false);
  const now = campaigns.filter((c) => c.state === 'current' || c.state === 'upcoming');
  const past = campaigns.filter((c) => c.state === 'ended' || c.state === 'closed');
  const card = (c: CampaignListItem) => <CampaignCard key={c.id} c={c} chosen={c.id === chosenId} onChoose={() => onChoose(c.id)} />;
  return (
    <section className="card" data-testid="campaign-cards">
      <h2>{t('campaigns.mine', { n: now.length })}</h2>
      <p className="count-rule" data-testid="count-rule">
        {t('campaigns.countRule')}
      </p>
      <ul className="campaign-cards">{now.map(card)}</ul>
      {past.length > 0 && (
        <details className="campaign-past" open={pastOpen} onToggle={(e) => setPastOpen((e.target as HTMLDetailsElement).open)}>
          <summary>{t('campaigns.past', { n: past.length })}</summary>
          {pastOpen && <ul className="campaign-cards">{past.map(card)}</ul>}
        </details>
      )}
    </section>
  );
}

function CampaignCard({ c, chosen, onChoose }: { c: CampaignListItem; chosen: boolean; onChoose: () => void }) {
  const { t, i18n } = useTranslation();
  const progress = useLoad(() => api['progress.mine']({ campaignId: c.id }), [c.id]);
  const today = todayIso();
  const p = progress.data;
  const done = p ? creditHours(p.totals.campaignMs, p.totals.minutesPerCreditHour) : 0;
  const target = p?.totals.targetCreditHours ?? c.targetCreditHours;
  const due = deadlineOf(c, today);
  let when: string;
  if (c.state === 'upcoming') when = t('campaigns.startsOn', { day: dayText(c.start, i18n.language), n: daysBetween(today, c.start) });
  else if (c.state === 'current') when = t(due.kind === 'study' ? 'campaigns.studyDue' : 'campaigns.campaignDue', { day: dayText(due.day, i18n.language), n: daysBetween(today, due.day) + 1 });
  else when = t(`campaigns.state.${c.state}`);
  return (
    <li>
      <button type="button" className={`campaign-card${chosen ? ' chosen' : ''}`} aria-pressed={chosen} onClick={onChoose} data-testid={`campaign-card-${c.id}`}>
        <span className="campaign-card-head">
          <span className="campaign-name">{c.name}</span>
          {chosen && <span className="campaign-chosen">{t('campaigns.chosen')}</span>}
        </span>
        <span className="campaign-facts">
          <CampaignFacts c={c} />
        </span>
        {progress.error ? (
          <ErrorNote error={progress.error} />
        ) : (
          <>
            <span className="campaign-counter" data-testid={`card-credit-${c.id}`}>
              {p ? t('home.creditOfTarget', { n: done, target }) : t('common.loading')}
            </span>
            <ProgressBar value={done} max={target} label={c.name} />
            <span className="campaign-left">
              {p && (done >= target ? t('campaigns.targetMet') : t('campaigns.left', { n: Math.round((target - done) * 10) / 10 }))}
              {' · '}
              {when}
            </span>
          </>
        )}
        {!chosen && <span className="campaign-open">{t('campaigns.openThis')}</span>}
      </button>
    </li>
  );
}
