// The two small forms of the 三级安全教育 board: entering a level signed on the paper card (the date,
// the signer chosen from the roster, what was taught), and taking a mistaken entry back.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InductionLevel } from '../../../electron/core/model';
import type { InductionBoard, InductionRow, InductionSigner } from '../../../electron/shared/api';
import { DayInput } from '../shell/Dates';
import { dayText, localDateTime } from '../shell/format';
import { ErrorNote } from '../shell/ErrorNote';
import { signersFor } from './signers';

function Dialog({ title, children, onCancel }: { title: string; children: React.ReactNode; onCancel: () => void }) {
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div className="modal induction-modal" role="dialog" aria-modal="true" aria-label={title} data-testid="induction-dialog">
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

const who = (s: InductionSigner) => `${s.name}（${[s.post, s.dept, s.team].filter(Boolean).join(' · ')}）`;

export function SignDialog(props: {
  board: InductionBoard;
  row: InductionRow;
  level: InductionLevel;
  onCancel: () => void;
  onSign: (x: { date: string; signer: string; content: string }) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { board, row, level } = props;
  const { suggested, others } = signersFor(level, row, board.signers);
  const [date, setDate] = useState(board.today);
  const [signer, setSigner] = useState(suggested.length === 1 ? suggested[0]!.employeeNo : '');
  const [content, setContent] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const hours = board.levels.find((l) => l.level === level)?.hours ?? 0;
  // what was entered for this level for others: a tap fills it in again
  const used = [...new Set(board.rows.flatMap((r) => r.levels.filter((l) => l.level === level && l.signed?.content).map((l) => l.signed!.content)))].slice(0, 4);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onSign({ date, signer, content });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <Dialog title={t('induction.signTitle', { name: row.name, level: t(`induction.level.${level}`), n: hours })} onCancel={props.onCancel}>
      <form className="stack" onSubmit={submit}>
        <label>
          {t('induction.date')}
          <DayInput required value={date} max={board.today} onChange={(e) => setDate(e.target.value)} data-testid="induction-date" />
        </label>
        <fieldset className="signer-list">
          <legend>{t(`induction.signerFor.${level}`)}</legend>
          {suggested.length === 0 && <p className="muted">{t('induction.noSuggested')}</p>}
          {suggested.map((s) => (
            <label key={s.employeeNo} className={`signer-choice${signer === s.employeeNo ? ' chosen' : ''}`}>
              <input type="radio" name="signer" value={s.employeeNo} checked={signer === s.employeeNo} onChange={() => setSigner(s.employeeNo)} />
              <span>{who(s)}</span>
            </label>
          ))}
          <label>
            {t('induction.otherSigner')}
            <select value={suggested.some((s) => s.employeeNo === signer) ? '' : signer} onChange={(e) => setSigner(e.target.value)} data-testid="induction-other-signer">
              <option value="">—</option>
              {others.map((s) => (
                <option key={s.employeeNo} value={s.employeeNo}>
                  {s.employeeNo} {who(s)}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <label>
          {t('induction.content')}
          <input value={content} maxLength={200} onChange={(e) => setContent(e.target.value)} data-testid="induction-content" />
        </label>
        {used.length > 0 && (
          <div className="row">
            {used.map((u) => (
              <button key={u} type="button" className="secondary" onClick={() => setContent(u)}>
                {u}
              </button>
            ))}
          </div>
        )}
        <ErrorNote error={error} />
        <div className="row modal-actions">
          <button type="button" className="secondary big" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary big" disabled={!signer || !date || busy} data-testid="induction-sign">
            {t('induction.sign')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const REASONS = ['wrongSigner', 'wrongDate', 'wrongPerson'] as const;

export function RevokeDialog(props: { row: InductionRow; level: InductionLevel; closed: boolean; onCancel: () => void; onRevoke: (reason: string) => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const s = props.row.levels.find((l) => l.level === props.level)!.signed!;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function revoke() {
    setError(null);
    try {
      await props.onRevoke(reason);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <Dialog title={t('induction.signedTitle', { name: props.row.name, level: t(`induction.level.${props.level}`) })} onCancel={props.onCancel}>
      <p>{t('induction.detail', { date: dayText(s.date, i18n.language), n: s.hours, signer: s.signerName, post: s.signerPost || s.signer })}</p>
      {s.content && <p>{t('induction.contentIs', { content: s.content })}</p>}
      <p className="muted">{t('induction.enteredBy', { by: s.by, at: localDateTime(s.at, i18n.language) })}</p>
      {!props.closed && (
        <>
          <p>{t('induction.revokeWhy')}</p>
          <div className="row">
            {REASONS.map((r) => (
              <button key={r} type="button" className={reason === t(`induction.reasons.${r}`) ? 'primary' : 'secondary'} onClick={() => setReason(t(`induction.reasons.${r}`))}>
                {t(`induction.reasons.${r}`)}
              </button>
            ))}
          </div>
          <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} aria-label={t('induction.revokeWhy')} />
        </>
      )}
      <ErrorNote error={error} />
      <div className="row modal-actions">
        <button type="button" className="secondary big" onClick={props.onCancel}>
          {t('induction.back')}
        </button>
        {!props.closed && (
          <button type="button" className="danger big" disabled={reason.trim().length < 2} onClick={revoke} data-testid="induction-revoke">
            {t('induction.revoke')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
