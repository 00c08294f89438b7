import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ESSAY_PARTS } from '../../../electron/core/model';
import type { CampaignSummary, GradingQueue } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';

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

function AnswerCard({ item, onDone }: { item: GradingQueue['answers'][number]; onDone: () => void }) {
  const { t } = useTranslation();
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    try {
      await api['grading.gradeAnswer']({ employeeNo: item.employeeNo, attemptId: item.attemptId, questionId: item.questionId, score: Number(score), comment });
      onDone();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="card" onSubmit={save} data-testid="answer-card">
      <h3>
        {t('grading.shortAnswer')} · {item.name}（{item.employeeNo}）
      </h3>
      <p>
        <strong>{item.stem}</strong>
      </p>
      <p className="muted small">
        {t('grading.reference')}：{item.reference}
      </p>
      <blockquote className="answer">{item.given || t('grading.blank')}</blockquote>
      <div className="row">
        <label className="inline">
          {t('grading.score', { max: item.max })}
          <input type="number" min={0} max={item.max} step={0.5} required className="narrow" value={score} onChange={(e) => setScore(e.target.value)} />
        </label>
        <input className="grow" placeholder={t('grading.comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
        <button type="submit" className="primary">
          {t('grading.save')}
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}

function EssayCard({ item, onDone }: { item: GradingQueue['essays'][number]; onDone: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function review(decision: 'accept' | 'return') {
    try {
      await api['grading.reviewEssay']({ campaignId: item.campaignId, employeeNo: item.employeeNo, version: item.version, decision, comment });
      onDone();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <section className="card" data-testid="essay-card">
      <h3>
        {t('essay.title')} · {item.name}（{item.employeeNo}，{item.dept}）
      </h3>
      <p className="muted small">{t('grading.essayMeta', { version: item.version, at: localDateTime(item.submittedAt), n: item.total })}</p>
      {ESSAY_PARTS.map((k) => (
        <div key={k}>
          <h4>{t(`essay.parts.${k}.title`)}</h4>
          <p className="essay-text">{item.parts[k]}</p>
        </div>
      ))}
      <textarea rows={2} className="wide" placeholder={t('grading.comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="row">
        <button type="button" className="primary" onClick={() => void review('accept')}>
          {t('grading.accept')}
        </button>
        <button type="button" className="secondary" onClick={() => void review('return')}>
          {t('grading.return')}
        </button>
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
