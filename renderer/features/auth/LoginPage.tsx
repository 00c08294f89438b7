import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setToken } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { LanguageSwitch } from '../shell/LanguageSwitch';

export function LoginPage({ enterprise, onLoggedIn }: { enterprise: string; onLoggedIn: () => void }) {
  const { t } = useTranslation();
  const [employeeNo, setNo] = useState('');
  const [password, setPw] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await api['auth.login']({ employeeNo: employeeNo.trim(), password });
      setToken(r.token);
      onLoggedIn();
    } catch (err) {
      setError(err);
      setPw('');
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="login-wrap">
      <form className="card login" onSubmit={submit}>
        <div className="row-between">
          <h1>{t('app.name')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{enterprise}</p>
        <label>
          {t('auth.employeeNo')}
          <input name="employeeNo" required value={employeeNo} onChange={(e) => setNo(e.target.value)} autoFocus autoComplete="username" />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" required type="password" value={password} onChange={(e) => setPw(e.target.value)} autoComplete="current-password" />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary big" disabled={busy}>
          {t('auth.login')}
        </button>
      </form>
    </div>
  );
}
