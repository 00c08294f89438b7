// 入职日期 in the people list: shown as a day; 修改 opens the browser's date picker in the cell
// (no typing), and what was saved is said in the cell itself, where the eyes are.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../electron/core/model';
import { Day, DayInput } from '../shell/Dates';
import { ErrorNote } from '../shell/ErrorNote';

export type SaveHiredOn = (p: Person, hiredOn: string | null) => Promise<Person>;

export function HiredOnCell({ person, onSave }: { person: Person; onSave?: SaveHiredOn }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState<string | null>(null);
  // the day just saved, shown at once (the list is read again after): until the list has it
  const [local, setLocal] = useState<{ was: string | undefined; now: string | undefined } | null>(null);
  const hiredOn = local && person.hiredOn === local.was ? local.now : person.hiredOn;
  const shown = hiredOn ? <Day day={hiredOn} /> : <span className="muted">{t('roster.hiredOnNone')}</span>;
  if (!onSave) return shown;

  async function save(next: string | null) {
    setBusy(true);
    setError(null);
    try {
      const p = await onSave!(person, next);
      setLocal({ was: person.hiredOn, now: p.hiredOn });
      // short, beside the new day the cell now shows: a long sentence would squeeze the table's other columns
      setSaid(p.hiredOn ? t('roster.hiredOnSaved') : t('roster.hiredOnCleared'));
      setDraft(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (draft === null)
    return (
      <div className="hired-on">
        {shown}
        <button type="button" className="link" onClick={() => (setSaid(null), setDraft(hiredOn ?? ''))} aria-label={t('roster.hiredOnEditFor', { name: person.name, no: person.employeeNo })}>
          {t('roster.hiredOnEdit')}
        </button>
        {said && (
          <span className="ok" role="status">
            ✓ {said}
          </span>
        )}
      </div>
    );
  return (
    <div className="hired-on editing">
      <DayInput
        value={draft}
        min="1900-01-01"
        max="2100-12-31"
        onChange={(e) => setDraft(e.target.value)}
        aria-label={t('roster.hiredOnEditFor', { name: person.name, no: person.employeeNo })}
        autoFocus
      />
      <div className="row">
        <button type="button" className="primary" disabled={busy || draft === ''} title={draft === '' ? t('roster.hiredOnPick') : undefined} onClick={() => void save(draft)}>
          {t('roster.hiredOnSave')}
        </button>
        {hiredOn && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void save(null)}>
            {t('roster.hiredOnClear')}
          </button>
        )}
        <button type="button" className="link" disabled={busy} onClick={() => (setDraft(null), setError(null))}>
          {t('roster.hiredOnCancel')}
        </button>
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
