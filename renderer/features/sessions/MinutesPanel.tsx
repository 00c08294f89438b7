import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../../electron/core/evidence';
import type { HazardLevel } from '../../../electron/core/inspection';
import type { CollectiveView } from '../../../electron/shared/api';
import { api, fileToBase64 } from '../../lib/api';
import { DayInput } from '../shell/Dates';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { MinutesSaved } from './MinutesSaved';

interface Row {
  id?: string;
  issue: string;
  action: string;
  owner: string;
  due: string;
  asFinding: boolean;
  level: HazardLevel;
  location: string;
  /** registered as a finding when last saved: it stays one */
  registered: boolean;
}
const emptyRow = (): Row => ({ issue: '', action: '', owner: '', due: '', asFinding: false, level: 'general', location: '', registered: false });
type Minutes = NonNullable<CollectiveView['minutes']>;
/** the rows as saved: each keeps its id, so a registered finding is never registered twice */
const rowsOf = (m: Minutes | null): Row[] =>
  (m?.followUps ?? []).map((f) => ({
    id: f.id,
    issue: f.issue,
    action: f.action,
    owner: f.owner,
    due: f.due,
    asFinding: !!f.findingId,
    level: f.level ?? 'general',
    location: f.location,
    registered: !!f.findingId,
  }));

/**
 * 研讨记录: speakers tapped from those who attended, what each raised, the conclusions, follow-ups
 * (each may be registered as a finding of the 问题台账), and the photo of the signed sheet. After a
 * save the saved minutes are shown where the eyes are; a closed campaign's are only shown.
 */
export function MinutesPanel({ session, onChange, readOnly = false }: { session: CollectiveView; onChange: () => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const people = useLoad(() => api['roster.list']({}), []);
  const m = session.minutes;
  const [points, setPoints] = useState<Map<string, string>>(() => new Map((m?.speakers ?? []).map((s) => [s.employeeNo, s.points])));
  const [conclusions, setConclusions] = useState(m?.conclusions ?? '');
  const [rows, setRows] = useState<Row[]>(() => rowsOf(m));
  const [sheet, setSheet] = useState<FileRef | null>(m?.sheetPhoto ?? null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Minutes | null>(null);
  const [busy, setBusy] = useState(false);
  const name = new Map((people.data ?? []).map((p) => [p.employeeNo, p.name]));
  const attendees = session.attendees.map((a) => a.employeeNo);

  if (readOnly) return m ? <MinutesSaved minutes={m} /> : <p className="muted">{t('minutes.noneKept')}</p>;

  const touch = () => setSaved(null);
  const toggle = (no: string) => {
    const n = new Map(points);
    if (n.has(no)) n.delete(no);
    else n.set(no, '');
    setPoints(n);
    touch();
  };
  const setRow = (i: number, patch: Partial<Row>) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    touch();
  };
  async function pickSheet(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setError(null);
    try {
      setSheet(await api['finding.photo']({ fileName: file.name, base64: await fileToBase64(file) }));
      touch();
    } catch (e) {
      setError(e);
    }
  }
  async function save() {
    setError(null);
    setBusy(true);
    try {
      const v = await api['collective.minutes']({
        sessionId: session.id,
        // in the order of the attendance, as they were tapped
        speakers: attendees.filter((no) => points.has(no)).map((no) => ({ employeeNo: no, points: points.get(no) ?? '' })),
        conclusions,
        followUps: rows.map(({ registered: _r, ...r }) => r),
        sheetPhoto: sheet ? { sha256: sheet.sha256, name: sheet.name } : null,
      });
      setRows(rowsOf(v.minutes));
      setSaved(v.minutes);
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack minutes" data-testid="minutes-form">
      <h3>{t('minutes.speakersTap')}</h3>
      {attendees.length === 0 ? (
        <p className="muted">{t('minutes.attendFirst')}</p>
      ) : (
        <div className="tap-chips" role="group" aria-label={t('minutes.speakers')}>
          {attendees.map((no) => (
            <button key={no} type="button" className={points.has(no) ? 'tap-chip on' : 'tap-chip'} aria-pressed={points.has(no)} onClick={() => toggle(no)} data-testid={`speaker-${no}`}>
              {points.has(no) ? '✓ ' : ''}
              {name.get(no) ?? no} <span className="small">{no}</span>
            </button>
          ))}
        </div>
      )}
      {attendees
        .filter((no) => points.has(no))
        .map((no) => (
          <label key={no} className="field">
            {t('minutes.pointsOf', { name: name.get(no) ?? no })}
            <textarea rows={2} maxLength={2000} value={points.get(no) ?? ''} onChange={(e) => (setPoints(new Map(points).set(no, e.target.value)), touch())} data-testid={`points-${no}`} />
          </label>
        ))}
      <label className="field">
        {t('minutes.conclusions')}
        <textarea rows={3} maxLength={4000} value={conclusions} onChange={(e) => (setConclusions(e.target.value), touch())} data-testid="minutes-conclusions" />
      </label>
      <h3>{t('minutes.followUps')}</h3>
      {rows.map((r, i) => (
        <fieldset key={r.id ?? `new-${i}`} className="followup" data-testid={`followup-${i}`}>
          <legend>{t('minutes.followUpN', { n: i + 1 })}</legend>
          <label className="field">
            {t('minutes.issue')}
            <input value={r.issue} maxLength={1000} onChange={(e) => setRow(i, { issue: e.target.value })} />
          </label>
          <label className="field">
            {t('minutes.action')}
            <input value={r.action} maxLength={1000} onChange={(e) => setRow(i, { action: e.target.value })} />
          </label>
          <div className="grid2">
            <label>
              {t('minutes.owner')}
              <select value={r.owner} onChange={(e) => setRow(i, { owner: e.target.value })}>
                <option value="">{t('minutes.noOwner')}</option>
                {(people.data ?? []).map((p) => (
                  <option key={p.employeeNo} value={p.employeeNo}>
                    {p.name}（{p.employeeNo}）
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('minutes.due')}
              <DayInput value={r.due} onChange={(e) => setRow(i, { due: e.target.value })} />
            </label>
          </div>
          <label className="switch-row">
            <input type="checkbox" role="switch" checked={r.asFinding} disabled={r.registered} onChange={(e) => setRow(i, { asFinding: e.target.checked })} data-testid={`as-finding-${i}`} />
            <span>{r.registered ? t('minutes.registered') : t('minutes.asFinding')}</span>
          </label>
          {r.asFinding && !r.registered && (
            <div className="grid2">
              <div role="group" aria-label={t('minutes.level')} className="tap-chips">
                <span className="chips-label">{t('minutes.level')}</span>
                {(['general', 'major'] as const).map((l) => (
                  <button key={l} type="button" className={r.level === l ? 'tap-chip on' : 'tap-chip'} aria-pressed={r.level === l} onClick={() => setRow(i, { level: l })}>
                    {t(`inspect.levels.${l}`)}
                  </button>
                ))}
              </div>
              <label>
                {t('minutes.location')}
                <input value={r.location} maxLength={120} onChange={(e) => setRow(i, { location: e.target.value })} data-testid={`location-${i}`} />
              </label>
            </div>
          )}
          {!r.registered && (
            <button type="button" className="secondary" onClick={() => (setRows(rows.filter((_, j) => j !== i)), touch())}>
              {t('minutes.removeRow')}
            </button>
          )}
        </fieldset>
      ))}
      <div>
        <button type="button" className="secondary big" onClick={() => (setRows([...rows, emptyRow()]), touch())} data-testid="add-followup">
          {t('minutes.addFollowUp')}
        </button>
      </div>
      <div className="field">
        <span>{t('minutes.sheet')}</span>
        {sheet && <p data-testid="sheet-name">{sheet.name}</p>}
        <label className="file-pick">
          <input type="file" accept=".jpg,.jpeg,.png" aria-label={t('minutes.sheet')} onChange={(e) => void pickSheet(e.target.files).then(() => (e.target.value = ''))} data-testid="sheet-photo" />
          <span className="muted small">{t('minutes.sheetHint')}</span>
        </label>
      </div>
      <div className="row">
        <button type="button" className="primary big" disabled={busy} onClick={() => void save()} data-testid="minutes-save">
          {t('minutes.save', { n: points.size })}
        </button>
        <ErrorNote error={error ?? people.error} />
      </div>
      {saved && <MinutesSaved minutes={saved} />}
    </div>
  );
}
