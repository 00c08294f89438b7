import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';

/** 签到: at a collective session, type the code shown in the room. */
export function CheckInBox({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const v = await api['collective.checkIn']({ code });
      setDone(t('checkin.done', { topic: v.topic }));
      setCode('');
      onDone();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="card row" onSubmit={submit}>
      <label className="inline grow">
        {t('checkin.label')}
        <input inputMode="numeric" maxLength={4} className="narrow" value={code} onChange={(e) => setCode(e.target.value)} data-testid="checkin-input" />
      </label>
      <button type="submit" className="primary">
        {t('checkin.submit')}
      </button>
      {done && <span className="ok">{done}</span>}
      <ErrorNote error={error} />
    </form>
  );
}
