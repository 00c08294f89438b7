// One practice set, question by question: the answer being chosen, the server's feedback on it
// (right or wrong, the answer, the 解析, the 错题本 card), and how many were right so far.
import { useState } from 'react';
import type { AnxueClient, PracticeFeedback, PracticeQuestion } from '../../../electron/shared/api';

export function usePracticeRun(client: Pick<AnxueClient, 'practice.answer'>, campaignId: string, questions: readonly PracticeQuestion[]) {
  const [i, setI] = useState(0);
  const [value, setValue] = useState<string[]>([]);
  const [feedback, setFeedback] = useState<PracticeFeedback | null>(null);
  const [right, setRight] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const question = questions[i];

  async function check() {
    if (!question) return;
    setError(null);
    try {
      const r = await client['practice.answer']({ campaignId, questionId: question.id, answer: value });
      setFeedback(r);
      if (r.correct) setRight((n) => n + 1);
    } catch (e) {
      setError(e);
    }
  }
  function next() {
    setI((n) => n + 1);
    setValue([]);
    setFeedback(null);
  }
  return { i, question, finished: !question, value, setValue, feedback, right, error, check, next };
}
