// 练习 and 错题本: pick a document (and a topic), random questions or the book's due questions; one
// question at a time; after each answer the right answer, the 解析 and a link to the clause. The
// time spent here counts as self-study through the same study session as reading (key 'practice').
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchForm } from '../../../electron/core/normalize';
import type { CampaignSummary, PracticeQuestion } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { go } from '../shell/route';
import { useLoad } from '../shell/use-load';
import { AttentionCheck } from '../study/AttentionCheck';
import { setPendingHit } from '../study/highlight';
import { SourceLink } from '../study/SourceLink';
import { StudyCounter } from '../study/StudyCounter';
import { useStudySession } from '../study/use-study-session';
import { QuestionView } from './QuestionView';
import { usePracticeRun } from './use-practice-run';

const SET_SIZE = 10;
type Mode = { mode: 'doc'; docId: string; category?: string } | { mode: 'random' } | { mode: 'book' };

/** Opens the clause in the reader: the document's guide, with the clause's words lit. */
export function openClause(docId: string, clause: string) {
  const article = /^第.+?条/.exec(clause)?.[0];
  setPendingHit({ docId, key: 'guide', loc: -1, terms: [...new Set([clause, article].filter((x): x is string => !!x))].map(searchForm) });
  go('read', docId, 'guide');
}

function answerText(q: PracticeQuestion, answer: string[], t: (k: string) => string): string {
  if (q.type === 'single' || q.type === 'multiple') return answer.map((l) => `${l}. ${q.options[l.charCodeAt(0) - 65] ?? ''}`).join('；');
  if (q.type === 'truefalse') return answer[0] === 'T' ? t('quiz.true') : t('quiz.false');
  return answer.join(' / ');
}

export function PracticePage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const opts = useLoad(() => api['practice.options']({ campaignId: campaign.id }), [campaign.id]);
  const [run, setRun] = useState<{ mode: Mode; questions: PracticeQuestion[] } | null>(null);
  const [showBook, setShowBook] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const start = async (mode: Mode) => {
    setError(null);
    try {
      const questions = await api['practice.draw']({ campaignId: campaign.id, count: SET_SIZE, ...mode });
      setRun({ mode, questions });
      setShowBook(false);
    } catch (e) {
      setError(e);
    }
  };
  if (run)
    return (
      <PracticeRun
        campaign={campaign}
        run={run}
        onDone={() => {
          setRun(null);
          opts.reload();
        }}
      />
    );
  if (opts.error) return <ErrorNote error={opts.error} />;
  if (!opts.data) return <p className="muted">{t('common.loading')}</p>;
  const o = opts.data;
  return (
    <div className="practice">
      <h2>{t('practice.title')}</h2>
      <p className="muted">{t('practice.intro')}</p>
      {error !== null && <ErrorNote error={error} />}
      <section className="card book-card" data-testid="book-summary">
        <h3>{t('practice.book')}</h3>
        <p className="big">{o.book.open === 0 ? t('practice.bookEmpty') : t('practice.bookState', { open: o.book.open, due: o.book.due })}</p>
        <div className="row">
          <button type="button" className="primary" disabled={o.book.due === 0} onClick={() => void start({ mode: 'book' })}>
            {t('practice.reviewDue', { n: o.book.due })}
          </button>
          {o.book.open > 0 && (
            <button type="button" className="secondary" onClick={() => setShowBook((x) => !x)}>
              {showBook ? t('practice.hideBook') : t('practice.showBook')}
            </button>
          )}
        </div>
        {showBook && <BookList campaignId={campaign.id} />}
      </section>
      <section className="card">
        <h3>{t('practice.random')}</h3>
        <button type="button" className="primary" onClick={() => void start({ mode: 'random' })} disabled={o.randomCount === 0}>
          {t('practice.startRandom', { n: Math.min(SET_SIZE, o.randomCount) })}
        </button>
      </section>
      <section className="card">
        <h3>{t('practice.byDoc')}</h3>
        <ul className="practice-docs">
          {o.docs.map((d) => (
            <li key={d.docId}>
              <button type="button" className="doc-button" onClick={() => void start({ mode: 'doc', docId: d.docId })}>
                <span className="grow">{d.title}</span>
                <span className="muted small">{t('practice.count', { n: d.count })}</span>
              </button>
              {d.categories.length > 1 && (
                <div className="chips">
                  {d.categories.map((c) => (
                    <button key={c.name} type="button" className="chip" onClick={() => void start({ mode: 'doc', docId: d.docId, category: c.name })}>
                      {c.name}（{c.count}）
                    </button>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function BookList({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const book = useLoad(() => api['practice.book']({ campaignId }), [campaignId]);
  if (book.error) return <ErrorNote error={book.error} />;
  if (!book.data) return <p className="muted">{t('common.loading')}</p>;
  return (
    <table className="table" data-testid="book-list">
      <thead>
        <tr>
          <th>{t('practice.question')}</th>
          <th>{t('practice.doc')}</th>
          <th>{t('practice.misses')}</th>
          <th>{t('practice.due')}</th>
        </tr>
      </thead>
      <tbody>
        {book.data.cards.map((c) => (
          <tr key={c.id}>
            <td>{c.stem}</td>
            <td>
              {c.docTitle}
              <div className="muted small">
                {c.clause} <SourceLink docId={c.docId} source={c.clause} />
              </div>
            </td>
            <td>{c.misses}</td>
            <td>{c.dueNow ? <strong>{t('practice.dueNow')}</strong> : localDateTime(c.due)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PracticeRun({ campaign, run, onDone }: { campaign: CampaignSummary; run: { mode: Mode; questions: PracticeQuestion[] }; onDone: () => void }) {
  const { t } = useTranslation();
  const docId = run.mode.mode === 'doc' ? run.mode.docId : 'practice';
  const session = useStudySession(campaign.id, docId, 'practice', run.questions.length > 0);
  const { i, question: q, finished, value, setValue, feedback: fb, right, error, check: submit, next } = usePracticeRun(api, campaign.id, run.questions);
  return (
    <div className="practice">
      {session.kind === 'active' && session.check && <AttentionCheck key={session.check.id} check={session.check} onAnswer={session.answer} />}
      <div className="reader-bar">
        <div className="grow">
          <button type="button" className="link back" onClick={onDone}>
            ← {t('practice.back')}
          </button>{' '}
          <strong>{run.mode.mode === 'book' ? t('practice.book') : run.mode.mode === 'random' ? t('practice.random') : (q?.docTitle ?? run.questions[0]?.docTitle)}</strong>
          {!finished && <span className="muted"> · {t('practice.progress', { i: i + 1, n: run.questions.length })}</span>}
        </div>
        {run.questions.length > 0 && <StudyCounter session={session} campaign={campaign} />}
      </div>
      {run.questions.length === 0 && <p className="notice">{t('practice.nothingDue')}</p>}
      {finished && run.questions.length > 0 && (
        <div className="card" role="status" data-testid="practice-done">
          <p className="big">{t('practice.done', { n: run.questions.length, right })}</p>
          {right < run.questions.length && <p>{t('practice.doneBook', { n: run.questions.length - right })}</p>}
          <button type="button" className="primary" onClick={onDone}>
            {t('practice.back')}
          </button>
        </div>
      )}
      {q && (
        <div className="card">
          <QuestionView index={i} question={{ ...q, score: 0 }} value={value} onChange={fb ? () => undefined : setValue} hideScore />
          {error !== null && <ErrorNote error={error} />}
          {!fb && (
            <button type="button" className="primary" onClick={() => void submit()} disabled={value.filter((x) => x.trim()).length === 0}>
              {t('practice.check')}
            </button>
          )}
          {fb && (
            <div className={fb.correct ? 'feedback is-right' : 'feedback is-wrong'} role="status" data-testid="practice-feedback">
              <p className="big">{fb.correct ? `✓ ${t('practice.right')}` : `✗ ${t('practice.wrong')}`}</p>
              <p>
                <strong>{t('practice.answer')}</strong> {answerText(q, fb.answer, t)}
              </p>
              {fb.explanation && (
                <p>
                  <strong>{t('practice.explanation')}</strong> {fb.explanation.replace(/^解析[:：]\s*/, '')}
                </p>
              )}
              {fb.source && (
                <p>
                  <strong>{t('practice.source')}</strong> {fb.source}{' '}
                  {fb.cite && (
                    <button type="button" className="link" onClick={() => openClause(fb.cite!.docId, fb.cite!.clause)}>
                      {t('practice.openClause')}
                    </button>
                  )}{' '}
                  <SourceLink docId={q.docId} source={fb.source} /> {fb.caseId && <a href={`#/read/${encodeURIComponent(fb.caseId)}/case`}>{t('practice.openCase')}</a>}
                </p>
              )}
              {fb.card && !fb.card.mastered && (
                <p className="muted">{fb.correct ? t('practice.cardHit', { n: fb.card.rightDays, due: localDateTime(fb.card.due) }) : t('practice.cardMiss', { due: localDateTime(fb.card.due) })}</p>
              )}
              {fb.card?.mastered && <p className="muted">{t('practice.cardMastered')}</p>}
              <button type="button" className="primary" onClick={next} autoFocus>
                {i + 1 < run.questions.length ? t('practice.next') : t('practice.finish')}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
