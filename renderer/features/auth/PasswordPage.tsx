import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';

/**
 * Change one's own password (roster imports hand out initial passwords). `forced`: an admin reset
 * it, and nothing else opens until a new one is chosen (`onChanged` then goes on).
 */
export function PasswordPage({ forced = false, onChanged }: { forced?: boolean; onChanged?: () => void } = {}) {
  const { t } = useTranslation();
  const [f, setF] = useState({ oldPassword: '', newPassword: '', repeat: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ sessionsEnded: number } | null>(null);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    if (f.newPassword !== f.repeat) return setError(new Error(t('password.mismatch')));
    try {
      const r = await api['auth.changePassword']({ oldPassword: f.oldPassword, newPassword: f.newPassword });
      setError(null);
      setDone(r);
      setF({ oldPassword: '', newPassword: '', repeat: '' });
      onChanged?.();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="card login" onSubmit={submit}>
      <h1>{t('password.title')}</h1>
      {forced && (
        <p className="notice-box pad" data-testid="password-forced">
          {t('password.forced')}
        </p>
      )}
      <label>
        {t('password.old')}
        <input type="password" required value={f.oldPassword} onChange={set('oldPassword')} autoComplete="current-password" />
      </label>
      <label>
        {t('password.new')}
        <input type="password" required minLength={8} value={f.newPassword} onChange={set('newPassword')} autoComplete="new-password" />
      </label>
      <label>
        {t('password.repeat')}
        <input type="password" required minLength={8} value={f.repeat} onChange={set('repeat')} autoComplete="new-password" />
      </label>
      <ErrorNote error={error} />
      {done && (
        <p className="ok" role="status">
          {t('password.done')}
          {done.sessionsEnded > 0 && ` ${t('password.othersEnded', { n: done.sessionsEnded })}`}
        </p>
      )}
      <button type="submit" className="primary big">
        {t('password.submit')}
      </button>
    </form>
  );
}
