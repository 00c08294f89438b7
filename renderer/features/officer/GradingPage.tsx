import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { AnswerCard } from './AnswerCard';
import { EssayCard } from './EssayCard';

/** 阅卷: short answers to score, essays to accept or return with a comment. */
export function GradingPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const queue = useLoad(() => api['grading.queue']({ campaignId: campaign.id }), [campaign.id]);
  if (queue.error) return <ErrorNote error={queue.error} />;
  if (!queue.data) return <p className="muted">{t('common.loading')}</p>;
  const q = queue.data;
  return (
    <div className="stack">
      <section className="card">
        <h1>{t('grading.title')}</h1>
        <p>{t('grading.summary', { answers: q.answers.length, essays: q.essays.length })}</p>
      </section>
      {q.answers.map((a) => (
        <AnswerCard key={`${a.attemptId}/${a.questionId}`} item={a} onDone={queue.reload} />
      ))}
      {q.essays.map((e) => (
        <EssayCard key={`${e.employeeNo}/${e.version}`} item={e} onDone={queue.reload} />
      ))}
      {q.answers.length === 0 && q.essays.length === 0 && <p className="ok">{t('grading.empty')}</p>}
    </div>
  );
}
