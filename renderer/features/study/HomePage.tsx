import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { creditHours, dayText, hours } from '../shell/format';
import { go } from '../shell/route';
import { useLoad } from '../shell/use-load';
import { CheckInBox } from './CheckInBox';
import { Period } from '../shell/Dates';
import { ProgressBar } from './ProgressBar';
import { StudyCharts } from './StudyCharts';

/** 我的学习: where I stand against the targets, the documents, and the next step as one big button. */
export function HomePage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const progress = useLoad(() => api['progress.mine']({ campaignId: campaign.id }), [campaign.id]);
  const docs = useLoad(() => api['corpus.list']({}), []);
  if (progress.error) return <ErrorNote error={progress.error} />;
  if (!progress.data || !docs.data) return <p className="muted">{t('common.loading')}</p>;
  const p = progress.data;
  const mpch = p.totals.minutesPerCreditHour;
  const done = creditHours(p.totals.campaignMs, mpch);
  const today = creditHours(p.totals.todayMs, mpch);
  const target = p.totals.targetCreditHours;
  const byId = new Map(docs.data.map((d) => [d.id, d]));
  const nextDoc = campaign.documents.find((d) => (p.totals.perDocMs[d.docId] ?? 0) < d.minutes * 60_000) ?? null;
  let next: { label: string; action: () => void };
  if (done < target && nextDoc) next = { label: t('home.nextRead', { title: byId.get(nextDoc.docId)?.title ?? nextDoc.docId }), action: () => go('read', nextDoc.docId) };
  else if (!p.quiz.best && p.quiz.attemptsUsed < campaign.quiz.maxAttempts) next = { label: t('home.nextQuiz'), action: () => go('quiz') };
  else if (p.essayStatus !== 'accepted' && p.essayStatus !== 'submitted') next = { label: t('home.nextEssay'), action: () => go('essay') };
  else next = { label: t('home.allDone'), action: () => go('essay') };

  return (
    <div className="stack">
      <section className="card">
        <h1>{campaign.name}</h1>
        <p className="muted row wrap">
          <span>
            {t('home.period')}
            <Period start={campaign.studyStart} end={campaign.studyEnd} />
          </span>
          <span>
            {t('home.campaignPeriod')}
            <Period start={campaign.start} end={campaign.end} />
          </span>
        </p>
        <div className="stats">
          <div>
            <div className="stat-label">{t('home.today')}</div>
            <div className="stat" data-testid="today-credit">
              {t('home.creditHours', { n: today })}
            </div>
          </div>
          <div>
            <div className="stat-label">{t('home.week')}</div>
            <div className="stat" data-testid="week-credit">
              {t('home.creditHours', { n: creditHours(p.weekMs, mpch) })}
            </div>
          </div>
          <div className="grow">
            <div className="stat-label">{t('home.campaignTotal')}</div>
            <div className="stat" data-testid="campaign-credit">
              {t('home.creditOfTarget', { n: done, target })}
            </div>
            <div className="muted small">{t('home.inHours', { h: hours(p.totals.campaignMs), m: mpch })}</div>
            <div className="muted small" data-testid="year">
              {t('home.year', { year: p.year.year, n: creditHours(p.year.ms, mpch), target: p.year.annualCreditHours, category: p.year.category ?? '' })}
            </div>
            <div className="muted small" data-testid="breakdown">
              {t('home.breakdown', { c: creditHours(p.totals.collectiveMs, mpch), s: creditHours(p.totals.selfMs, mpch) })}
            </div>
            <ProgressBar value={done} max={target} label={t('home.campaignTotal')} />
          </div>
        </div>
        <button type="button" className="primary big" onClick={next.action} data-testid="next-step">
          {next.label}
        </button>
      </section>
      <CheckInBox onDone={progress.reload} />
      <section className="card">
        <h2>{t('home.documents')}</h2>
        <ul className="doc-list">
          {campaign.documents.map((d) => {
            const meta = byId.get(d.docId);
            const ms = p.totals.perDocMs[d.docId] ?? 0;
            return (
              <li key={d.docId}>
                <div className="grow">
                  <a href={`#/read/${encodeURIComponent(d.docId)}`} className="doc-title">
                    {meta?.title ?? d.docId}
                  </a>
                  <div className="muted small">
                    {meta?.docNo} · {meta?.issuer} · {meta?.texts.some((x) => x.kind === 'official') ? t('reader.officialLoaded') : t('reader.notesOnly')}
                  </div>
                  <ProgressBar value={ms / 60_000} max={d.minutes} label={meta?.title ?? d.docId} />
                </div>
                <div className="doc-time">{t('home.minutesOf', { n: Math.floor(ms / 60_000), target: d.minutes })}</div>
              </li>
            );
          })}
        </ul>
      </section>
      <section className="card" data-testid="case-library">
        <h2>{t('home.cases')}</h2>
        <p className="muted">{t('home.casesIntro')}</p>
        <ul className="doc-list">
          {docs.data
            .filter((d) => d.case)
            .sort((a, b) => b.case!.date.localeCompare(a.case!.date))
            .map((d) => (
              <li key={d.id}>
                <div className="grow">
                  <a href={`#/read/${encodeURIComponent(d.id)}/case`} className="doc-title">
                    {d.title}
                  </a>
                  <div className="muted small">
                    {dayText(d.case!.date)} · {d.case!.place}
                    {d.case!.casualties ? ` · ${d.case!.casualties}` : ''}
                  </div>
                </div>
                <div className="doc-time">{t('home.minutesOf', { n: Math.floor((p.totals.perDocMs[d.id] ?? 0) / 60_000), target: d.suggestedMinutes })}</div>
              </li>
            ))}
        </ul>
      </section>
      <section className="card">
        <h2>{t('charts.title')}</h2>
        <StudyCharts campaign={campaign} byDay={p.byDay} minutesPerCreditHour={mpch} />
      </section>
      <section className="card row">
        <div className="grow">
          <h2>{t('nav.quiz')}</h2>
          <p>
            {p.quiz.best
              ? p.quiz.best.passed === null
                ? t('quiz.pendingScore', { score: p.quiz.best.score, max: p.quiz.best.max })
                : t('quiz.bestScore', { percent: p.quiz.best.percent, result: p.quiz.best.passed ? t('quiz.passed') : t('quiz.failed') })
              : t('quiz.notTaken')}
          </p>
        </div>
        <div className="grow">
          <h2>{t('nav.essay')}</h2>
          <p>{t(`essay.status.${p.essayStatus}`)}</p>
        </div>
      </section>
    </div>
  );
}
