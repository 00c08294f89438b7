import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ESSAY_PARTS } from '../../../electron/core/model';
import type { GradingQueue } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';

export function EssayCard({ item, onDone, label }: { item: GradingQueue['essays'][number]; onDone: () => void; label: string | null }) {
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
        {t('essay.title')} · {label ?? `${item.name}（${item.employeeNo}，${item.dept}）`}
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
