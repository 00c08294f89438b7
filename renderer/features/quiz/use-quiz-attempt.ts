// An attempt being taken: the answers and flags (saved as they change, so a crash or a closed window
// resumes with them), the time left (at nought the paper is handed in), leaving the window (counted
// by the backend; past the limit it hands the paper in), and handing in.
import { useEffect, useRef, useState } from 'react';
import type { AnxueClient, QuizAttemptView, QuizResultView } from '../../../electron/shared/api';

export function useQuizAttempt(client: Pick<AnxueClient, 'quiz.submit' | 'quiz.leave' | 'quiz.save'>, attempt: QuizAttemptView, onDone: (r: QuizResultView) => void) {
  const [answers, setAnswers] = useState<Record<string, string[]>>(attempt.answers);
  const [flags, setFlags] = useState<string[]>(attempt.flags);
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
      onDone(await client['quiz.submit']({ attemptId: attempt.attemptId, answers: answersRef.current }));
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
  useEffect(() => {
    let away = false;
    const left = () => {
      if (away || submitting.current || confirming.current) return;
      away = true;
      void client['quiz.leave']({ attemptId: attempt.attemptId }).then(
        (r) => {
          setLeaves(r.leaves);
          if (r.submitted) {
            submitting.current = true;
            onDone(r.submitted);
          }
        },
        () => undefined,
      );
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
  useEffect(() => {
    const id = window.setTimeout(() => void client['quiz.save']({ attemptId: attempt.attemptId, answers, flags }).catch(() => undefined), 400);
    return () => window.clearTimeout(id);
  }, [client, answers, flags, attempt.attemptId]);

  return {
    answers,
    answer: (id: string, v: string[]) => setAnswers((a) => ({ ...a, [id]: v })),
    flags,
    toggleFlag: (id: string) => setFlags((f) => (f.includes(id) ? f.filter((x) => x !== id) : [...f, id])),
    left,
    leaves,
    error,
    submit,
    confirming,
  };
}
