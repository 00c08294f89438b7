import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setToken } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { LanguageSwitch } from '../shell/LanguageSwitch';

/**
 * First run: enterprise name, admin account and password. There is no default password. Away from
 * the server PC, the one-time setup code the server printed at start is asked for too.
 */
export function SetupPage({ codeRequired, onDone }: { codeRequired: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ enterprise: '', adminNo: '', adminName: '', password: '', password2: '', setupCode: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value });
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (f.password !== f.password2) return setError(new Error(t('setup.mismatch')));
    setBusy(true);
    try {
      await api['setup.init']({ enterprise: f.enterprise, adminNo: f.adminNo, adminName: f.adminName, password: f.password, ...(codeRequired ? { setupCode: f.setupCode } : {}) });
      const r = await api['auth.login']({ employeeNo: f.adminNo, password: f.password });
      setToken(r.token);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="login-wrap">
      <form className="card login" onSubmit={submit}>
        <div className="row-between">
          <h1>{t('setup.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('setup.intro')}</p>
        {codeRequired && (
          <>
            <p className="muted">{t('setup.codeWhy')}</p>
            <label>
              {t('setup.code')}
              <input name="setupCode" required value={f.setupCode} onChange={set('setupCode')} autoComplete="off" spellCheck={false} autoFocus />
            </label>
          </>
        )}
        <label>
          {t('setup.enterprise')}
          <input required value={f.enterprise} onChange={set('enterprise')} autoFocus={!codeRequired} />
        </label>
        <label>
          {t('setup.adminNo')}
          <input required value={f.adminNo} onChange={set('adminNo')} pattern="[A-Za-z0-9_\-]{1,32}" />
        </label>
        <label>
          {t('setup.adminName')}
          <input required value={f.adminName} onChange={set('adminName')} />
        </label>
        <label>
          {t('setup.password')}
          <input required type="password" minLength={8} value={f.password} onChange={set('password')} autoComplete="new-password" />
        </label>
        <label>
          {t('setup.password2')}
          <input required type="password" minLength={8} value={f.password2} onChange={set('password2')} autoComplete="new-password" />
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="primary big" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
    </div>
  );
}
