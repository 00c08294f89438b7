import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../lib/message-language';
import { useTranslation } from 'react-i18next';
import type { CheckView } from '../../../electron/shared/api';
import { ApiFailure } from '../../lib/api';

/** 防挂机验证: type the two characters shown. A deliberate answer, not a click. */
export function AttentionCheck({ check, onAnswer }: { check: CheckView; onAnswer: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [left, setLeft] = useState(check.answerWithinMs);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    const until = Date.now() + check.answerWithinMs;
    const id = window.setInterval(() => setLeft(Math.max(0, until - Date.now())), 250);
    return () => window.clearInterval(id);
  }, [check.id, check.answerWithinMs]);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    try {
      await onAnswer(text);
    } catch (err) {
      setError(err instanceof ApiFailure ? errorText(err) : String(err));
      setText('');
      input.current?.focus();
    }
  }
  const missed = check.missed || left === 0;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="check-title">
      <form className="card check" onSubmit={submit} data-testid="attention-check">
        <h2 id="check-title">{t('check.title')}</h2>
        <p>{missed ? t('check.missed') : t('check.prompt', { s: Math.ceil(left / 1000) })}</p>
        <div className="check-code" data-testid="check-code" aria-label={t('check.codeLabel')}>
          {check.code}
        </div>
        <input ref={input} className="check-input" value={text} onChange={(e) => setText(e.target.value)} aria-label={t('check.input')} maxLength={4} autoComplete="off" />
        {error && <p className="error">{error}</p>}
        <button type="submit" className="primary big">
          {t('check.submit')}
        </button>
      </form>
    </div>
  );
}
