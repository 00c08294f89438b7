import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollectiveView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { clock } from '../shell/format';
import { useLoad } from '../shell/use-load';

/**
 * Tick the roster (a whole department at once), or open check-in and show the code in the room. A
 * closed campaign's session only lists who attended: nothing to tick or open (the backend refuses both).
 */
export function AttendancePanel({ session, onChange, readOnly = false }: { session: CollectiveView; onChange: () => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const people = useLoad(() => api['roster.list']({}), []);
  const [ticked, setTicked] = useState(() => new Set(session.attendees.map((a) => a.employeeNo)));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const depts = [...new Set((people.data ?? []).map((p) => p.dept))];
  const toggle = (nos: string[], on: boolean) => {
    const n = new Set(ticked);
    for (const no of nos) on ? n.add(no) : n.delete(no);
    setTicked(n);
    setSaved(false);
  };
  async function save() {
    try {
      await api['collective.attendance']({ sessionId: session.id, employeeNos: [...ticked] });
      setSaved(true);
      onChange();
    } catch (e) {
      setError(e);
    }
  }
  async function openCheckIn() {
    try {
      await api['collective.openCheckIn']({ sessionId: session.id, minutes: Math.max(30, session.durationMinutes) });
      onChange();
    } catch (e) {
      setError(e);
    }
  }
  if (readOnly) {
    // by department, in roster order; someone since taken off the roster by their 工号
    const known = people.data ?? [];
    const byDept = new Map<string, string[]>();
    for (const p of known) if (ticked.has(p.employeeNo)) byDept.set(p.dept, [...(byDept.get(p.dept) ?? []), `${p.name}（${p.employeeNo}）`]);
    const gone = [...ticked].filter((no) => !known.some((p) => p.employeeNo === no));
    if (people.data && gone.length > 0) byDept.set('—', gone);
    return (
      <div className="stack" data-testid="attendee-list">
        {people.data && byDept.size === 0 && <p className="muted">{t('sessions.noAttendees')}</p>}
        {[...byDept].map(([d, names]) => (
          <p key={d}>
            <strong>{d}</strong>：{names.join(t('sessions.listJoiner'))}
          </p>
        ))}
        <ErrorNote error={people.error} />
      </div>
    );
  }
  return (
    <div className="stack">
      <div className="row">
        {session.checkIn ? (
          <div className="checkin-code" data-testid="checkin-code">
            {t('sessions.codeIs')} <strong>{session.checkIn.code}</strong> <span className="muted small">{t('sessions.codeLeft', { time: clock(session.checkIn.remainingMs) })}</span>
          </div>
        ) : (
          <button type="button" className="secondary" onClick={() => void openCheckIn()}>
            {t('sessions.openCheckIn')}
          </button>
        )}
      </div>
      {depts.map((d) => {
        const inDept = (people.data ?? []).filter((p) => p.dept === d);
        const all = inDept.every((p) => ticked.has(p.employeeNo));
        return (
          <fieldset key={d} className="attendance">
            <legend>
              <label className="option">
                <input
                  type="checkbox"
                  checked={all}
                  onChange={(e) =>
                    toggle(
                      inDept.map((p) => p.employeeNo),
                      e.target.checked,
                    )
                  }
                />
                <strong>{d}</strong>
              </label>
            </legend>
            {inDept.map((p) => (
              <label key={p.employeeNo} className="option inline-option">
                <input type="checkbox" checked={ticked.has(p.employeeNo)} onChange={(e) => toggle([p.employeeNo], e.target.checked)} />
                <span>
                  {p.name} <span className="muted small">{p.employeeNo}</span>
                </span>
              </label>
            ))}
          </fieldset>
        );
      })}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()}>
          {t('sessions.saveAttendance', { n: ticked.size })}
        </button>
        {saved && <span className="ok">{t('common.saved')}</span>}
        <ErrorNote error={error ?? people.error} />
      </div>
    </div>
  );
}
