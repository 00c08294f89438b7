import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuizAttemptView, QuizResultView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { clock } from '../shell/format';
import { QuestionView } from './QuestionView';

export function QuizTaking({ attempt, onDone }: { attempt: QuizAttemptView; onDone: (r: QuizResultView) => void }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, string[]>>(attempt.answers);
  const [index, setIndex] = useState(0);
  const [deadline] = useState(() => Date.now() + attempt.remainingMs);
  const [left, setLeft] = useState(attempt.remainingMs);
  const [error, setError] = useState<unknown>(null);
  const submitting = useRef(false);
  const [leaves, setLeaves] = useState(attempt.leaves);
  /** our own confirmation dialog takes the focus: that is not leaving the quiz */
  const confirming = useRef(false);
  const answersRef = useRef(answers);
  answersRef.current = answers;

  async function submit() {
    if (submitting.current) return;
    submitting.current = true;
    try {
      onDone(await api['quiz.submit']({ attemptId: attempt.attemptId, answers: answersRef.current }));
    } catch (e) {
      submitting.current = false;
      setError(e);
    }
  }
  useEffect(() => {
    const id = window.setInterval(() => {
      const l = deadline - Date.now();
      setLeft(l);
      if (l <= 0) void submit();
    }, 500);
    return () => window.clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Leaving the quiz (another window or tab) is counted by the backend; past the limit it submits.
  useEffect(() => {
    let away = false;
    const left = () => {
      if (away || submitting.current || confirming.current) return;
      away = true;
      void api['quiz.leave']({ attemptId: attempt.attemptId }).then((r) => {
        setLeaves(r.leaves);
        if (r.submitted) {
          submitting.current = true;
          onDone(r.submitted);
        }
      }, () => undefined);
    };
    const back = () => {
      if (document.visibilityState === 'visible') away = false;
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? left() : back());
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('blur', left);
    window.addEventListener('focus', back);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('blur', left);
      window.removeEventListener('focus', back);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt.attemptId]);
  // Save answers as they change, so a crash or a closed window resumes with them.
  useEffect(() => {
    const id = window.setTimeout(() => void api['quiz.save']({ attemptId: attempt.attemptId, answers }).catch(() => undefined), 400);
    return () => window.clearTimeout(id);
  }, [answers, attempt.attemptId]);

  const q = attempt.questions[index]!;
  const answered = attempt.questions.filter((x) => (answers[x.id] ?? []).some((a) => a.trim() !== '')).length;
  const last = index === attempt.questions.length - 1;
  return (
    <section className="card quiz" onCopy={(e) => e.preventDefault()} onPaste={(e) => e.preventDefault()}>
      <div className="row-between">
        <span data-testid="answered">{t('quiz.answered', { n: answered, total: attempt.questions.length })}</span>
        <span className={left < 60_000 ? 'countdown urgent' : 'countdown'} role="timer">
          {t('quiz.timeLeft', { time: clock(left) })}
        </span>
      </div>
      {leaves > 0 && (
        <p className="notice" data-testid="quiz-leaves">
          {attempt.maxLeaves > 0 ? t('quiz.leftLimit', { n: leaves, max: attempt.maxLeaves }) : t('quiz.left', { n: leaves })}
        </p>
      )}
      <QuestionView
        index={index}
        question={q}
        value={answers[q.id] ?? []}
        onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
      />
      <ErrorNote error={error} />
      <div className="row-between">
        <button type="button" className="secondary big" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          {t('quiz.prev')}
        </button>
        {!last ? (
          <button type="button" className="primary big" onClick={() => setIndex(index + 1)}>
            {t('quiz.next')}
          </button>
        ) : (
          <button
            type="button"
            className="primary big"
            onClick={() => {
              const unanswered = attempt.questions.length - answered;
              confirming.current = true;
              const ok = window.confirm(unanswered > 0 ? t('quiz.confirmUnanswered', { n: unanswered }) : t('quiz.confirm'));
              confirming.current = false;
              if (ok) void submit();
            }}
          >
            {t('quiz.submit')}
          </button>
        )}
      </div>
    </section>
  );
}
