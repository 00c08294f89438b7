import { useConfirm } from '../../components/ConfirmDialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuizAttemptView, QuizResultView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { clock } from '../shell/format';
import { QuestionView } from './QuestionView';
import { useQuizAttempt } from './use-quiz-attempt';

type Layout = 'single' | 'all';
const LAYOUT_KEY = 'anxue.quizLayout';

const isAnswered = (v: string[] | undefined) => (v ?? []).some((a) => a.trim() !== '');

export function QuizTaking({ attempt, onDone }: { attempt: QuizAttemptView; onDone: (r: QuizResultView) => void }) {
  const { t } = useTranslation();
  const { dialog, ask } = useConfirm();
  const { answers, answer, flags, toggleFlag, left, leaves, error, submit, confirming } = useQuizAttempt(api, attempt, onDone);
  const [index, setIndex] = useState(0);
  // one question per screen (the default: large type, no scrolling) or the whole paper on one page
  const [layout, setLayout] = useState<Layout>(() => (localStorage.getItem(LAYOUT_KEY) === 'all' ? 'all' : 'single'));

  const total = attempt.questions.length;
  const answered = attempt.questions.filter((x) => isAnswered(answers[x.id])).length;
  const flagged = flags.filter((id) => attempt.questions.some((q) => q.id === id)).length;
  const last = index === total - 1;
  function chooseLayout(l: Layout) {
    setLayout(l);
    localStorage.setItem(LAYOUT_KEY, l);
  }
  function go(i: number) {
    if (layout === 'single') setIndex(i);
    else document.getElementById(`q-${attempt.questions[i]!.id}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }
  function askSubmit() {
    const unanswered = total - answered;
    const lines = [unanswered > 0 ? t('quiz.confirmUnanswered', { n: unanswered }) : t('quiz.confirm')];
    if (flagged > 0) lines.unshift(t('quiz.confirmFlagged', { n: flagged }));
    lines.push(t('quiz.confirmNext'));
    confirming.current = true;
    void ask({ title: t('quiz.confirmTitle'), lines, confirm: t('quiz.submitNow'), cancel: t('quiz.keepAnswering') }).then((ok) => {
      confirming.current = false;
      if (ok) void submit();
    });
  }
  const flagButton = (i: number) => {
    const id = attempt.questions[i]!.id;
    const on = flags.includes(id);
    return (
      <button type="button" className={on ? 'flag on' : 'flag'} aria-pressed={on} onClick={() => toggleFlag(id)} data-testid={`flag-${i + 1}`}>
        {on ? t('quiz.unflag') : t('quiz.flag')}
      </button>
    );
  };
  const questionBlock = (i: number, withFlag: boolean) => {
    const q = attempt.questions[i]!;
    return (
      <div key={q.id} id={`q-${q.id}`} className={flags.includes(q.id) ? 'quiz-item flagged' : 'quiz-item'}>
        <QuestionView index={i} question={q} value={answers[q.id] ?? []} onChange={(v) => answer(q.id, v)} />
        {withFlag && flagButton(i)}
      </div>
    );
  };
  return (
    <section className="card quiz" onCopy={(e) => e.preventDefault()} onPaste={(e) => e.preventDefault()}>
      {dialog}
      <div className="row-between quiz-bar">
        <span data-testid="answered">
          {t('quiz.answered', { n: answered, total })}
          {flagged > 0 && <span className="flag-count"> · {t('quiz.flaggedCount', { n: flagged })}</span>}
        </span>
        <span className="segmented" role="group" aria-label={t('quiz.layout')}>
          {(['single', 'all'] as const).map((l) => (
            <button key={l} type="button" className={layout === l ? 'on' : ''} aria-pressed={layout === l} onClick={() => chooseLayout(l)}>
              {t(`quiz.layout_${l}`)}
            </button>
          ))}
        </span>
        <span className={left < 60_000 ? 'countdown urgent' : 'countdown'} role="timer">
          {t('quiz.timeLeft', { time: clock(left) })}
        </span>
      </div>
      {leaves > 0 && (
        <p className="notice" data-testid="quiz-leaves">
          {attempt.maxLeaves > 0 ? t('quiz.leftLimit', { n: leaves, max: attempt.maxLeaves }) : t('quiz.left', { n: leaves })}
        </p>
      )}
      <nav className="answer-sheet" aria-label={t('quiz.sheet')}>
        {attempt.questions.map((q, i) => {
          const cls = ['sheet-cell', isAnswered(answers[q.id]) ? 'done' : '', flags.includes(q.id) ? 'flagged' : '', layout === 'single' && i === index ? 'current' : ''].filter(Boolean).join(' ');
          return (
            <button
              key={q.id}
              type="button"
              className={cls}
              aria-current={layout === 'single' && i === index ? 'step' : undefined}
              aria-label={t('quiz.sheetCell', {
                n: i + 1,
                state: [isAnswered(answers[q.id]) ? t('quiz.cellAnswered') : t('quiz.cellOpen'), flags.includes(q.id) ? t('quiz.cellFlagged') : ''].filter(Boolean).join('，'),
              })}
              onClick={() => go(i)}
            >
              {i + 1}
            </button>
          );
        })}
      </nav>
      {layout === 'single' ? questionBlock(index, false) : attempt.questions.map((_, i) => questionBlock(i, true))}
      <ErrorNote error={error} />
      {layout === 'single' ? (
        <div className="row-between">
          <button type="button" className="secondary big" disabled={index === 0} onClick={() => setIndex(index - 1)}>
            {t('quiz.prev')}
          </button>
          {flagButton(index)}
          {!last ? (
            <button type="button" className="primary big" onClick={() => setIndex(index + 1)}>
              {t('quiz.next')}
            </button>
          ) : (
            <button type="button" className="primary big" onClick={askSubmit}>
              {t('quiz.submit')}
            </button>
          )}
        </div>
      ) : (
        <div className="row-end">
          <button type="button" className="primary big" onClick={askSubmit}>
            {t('quiz.submit')}
          </button>
        </div>
      )}
    </section>
  );
}
