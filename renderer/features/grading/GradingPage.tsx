import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { AnswerCard } from './AnswerCard';

/** 阅卷: short answers to score, essays to accept or return with a comment; a closed campaign's are only shown. */
export function GradingPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const readOnly = !!campaign.closedAt;
  const queue = useLoad(() => api['grading.queue']({ campaignId: campaign.id }), [campaign.id]);
  const [by, setBy] = useState<'question' | 'person'>('question');
  if (queue.error) return <ErrorNote error={queue.error} />;
  if (!queue.data) return <p className="muted">{t('common.loading')}</p>;
  const q = queue.data;
  // by question: everyone's answer to one question in a row (fairer, faster); by person: one paper at a time
  // Alt+↓ / Alt+↑: to the next / previous answer without saving (skip one for now)
  function onKeyDown(e: React.KeyboardEvent) {
    if (!e.altKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    const inputs = [...document.querySelectorAll<HTMLInputElement>('[data-testid="answer-card"] input[type="number"]')];
    const here = inputs.findIndex((x) => x.form === (e.target as HTMLElement).closest('form'));
    const next = inputs[Math.max(0, Math.min(inputs.length - 1, here + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
      next.scrollIntoView({ block: 'center' });
    }
  }
  // a paper is a person's (its pseudonym while anonymous) and attempt
  const paperKey = (a: (typeof q.answers)[number]) => `${a.employeeNo ?? a.paper}#${a.attempt}`;
  const answers = [...q.answers].sort((a, b) =>
    by === 'question' ? a.questionId.localeCompare(b.questionId) || paperKey(a).localeCompare(paperKey(b)) : paperKey(a).localeCompare(paperKey(b)) || a.questionId.localeCompare(b.questionId),
  );
  return (
    <div className="stack" onKeyDown={onKeyDown}>
      <section className="card">
        <h1>{t('grading.title')}</h1>
        <p>{t('grading.summary', { answers: q.answers.length, essays: q.essays.length })}</p>
        {q.anonymous && (
          <p className="notice-box pad" data-testid="grading-anonymous">
            {t('grading.anonymous')}
          </p>
        )}
        {readOnly && q.answers.length + q.essays.length > 0 && (
          <p className="notice" data-testid="grading-closed">
            {t('grading.closed')}
          </p>
        )}
        {!readOnly && q.answers.length > 0 && <p className="muted small">{t('grading.keys')}</p>}
        <div className="row">
          {(['question', 'person'] as const).map((b) => (
            <button key={b} type="button" className={by === b ? 'tab active' : 'tab'} onClick={() => setBy(b)}>
              {t(`grading.by.${b}`)}
            </button>
          ))}
        </div>
      </section>
      {answers.map((a, i) => (
        <AnswerCard key={`${paperKey(a)}/${a.questionId}`} item={a} onDone={queue.reload} autoFocus={i === 0} readOnly={readOnly} />
      ))}
      {q.essays.length > 0 && (
        <section className="card row-between" data-testid="essays-waiting">
          <span>{t('grading.essaysWaiting', { n: q.essays.length })}</span>
          {!readOnly && (
            <a className="button primary" href="#/essays">
              {t('grading.toEssays')}
            </a>
          )}
        </section>
      )}
      {q.answers.length === 0 && q.essays.length === 0 && <p className="ok">{t('grading.empty')}</p>}
    </div>
  );
}
