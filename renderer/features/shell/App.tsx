import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../electron/shared/api';
import { api, onUnauthenticated, setToken } from '../../lib/api';
import { LoginPage } from '../auth/LoginPage';
import { PasswordPage } from '../auth/PasswordPage';
import { SetupPage } from '../auth/SetupPage';
import { Shell } from './Shell';

type State = { kind: 'loading' } | { kind: 'setup'; codeRequired: boolean } | { kind: 'login'; enterprise: string } | { kind: 'in'; me: Me; enterprise: string } | { kind: 'offline' };

export function App() {
  const { t } = useTranslation();
  const [s, setS] = useState<State>({ kind: 'loading' });

  async function refresh() {
    try {
      const st = await api['setup.status']({});
      if (!st.initialized) return setS({ kind: 'setup', codeRequired: st.setupCodeRequired });
      try {
        const me = await api['auth.me']({});
        setS({ kind: 'in', me, enterprise: st.enterprise ?? '' });
      } catch {
        setS({ kind: 'login', enterprise: st.enterprise ?? '' });
      }
    } catch {
      setS({ kind: 'offline' });
    }
  }
  useEffect(() => {
    void refresh();
    return onUnauthenticated(() => {
      setToken(null);
      void refresh();
    });
  }, []);

  if (s.kind === 'loading') return <p className="center muted">{t('common.loading')}</p>;
  if (s.kind === 'offline') return <p className="center error">{t('error.network')}</p>;
  if (s.kind === 'setup') return <SetupPage codeRequired={s.codeRequired} onDone={() => void refresh()} />;
  if (s.kind === 'login') return <LoginPage enterprise={s.enterprise} onLoggedIn={() => void refresh()} />;
  if (s.me.mustChangePassword)
    return (
      <div className="login-wrap">
        <PasswordPage forced onChanged={() => void refresh()} />
      </div>
    );
  return (
    <Shell
      me={s.me}
      enterprise={s.enterprise}
      onLogout={async () => {
        await api['auth.logout']({}).catch(() => undefined);
        setToken(null);
        window.location.hash = '';
        void refresh();
      }}
    />
  );
}
