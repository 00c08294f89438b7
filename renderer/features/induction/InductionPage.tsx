import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InductionLevel } from '../../../electron/core/model';
import type { CampaignSummary, InductionBoard, InductionRow } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { PersonHeadCells } from '../../components/PersonHeadCells';
import { dayText } from '../shell/format';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { RevokeDialog, SignDialog } from './InductionDialogs';

type Target = { row: InductionRow; level: InductionLevel };

/**
 * 三级安全教育: the campaign's new hires and their three levels. Each level is signed on the paper
 * card by its responsible person; a tap on an empty level enters who signed and when, a tap on a
 * signed one shows it and can take a mistaken entry back.
 */
export function InductionPage({ campaign }: { campaign: CampaignSummary }) {
  const { t, i18n } = useTranslation();
  const loaded = useLoad(() => api['induction.board']({ campaignId: campaign.id }), [campaign.id]);
  // the board as the last sign-off or revoke answered it (the new state, at once)
  const [fresh, setFresh] = useState<InductionBoard | null>(null);
  const board = fresh?.campaignId === campaign.id ? fresh : loaded.data;
  const [signing, setSigning] = useState<Target | null>(null);
  const [revoking, setRevoking] = useState<Target | null>(null);
  const [done, setDone] = useState<{ employeeNo: string; level: InductionLevel; revoked: boolean } | null>(null);

  if (campaign.kind !== 'induction')
    return (
      <section className="card notice-box" data-testid="induction-not">
        <h1>{t('induction.title')}</h1>
        <p>{t('induction.notInduction', { name: campaign.name })}</p>
      </section>
    );
  if (!board) return <ErrorNote error={loaded.error} />;
  const levelName = (l: InductionLevel) => t(`induction.level.${l}`);
  const closed = board.closed;
  const doneRow = done && board.rows.find((r) => r.employeeNo === done.employeeNo);
  const doneLevel = doneRow?.levels.find((l) => l.level === done!.level);
  const answered = (b: InductionBoard, p: Target, revoked: boolean) => {
    setFresh(b);
    setDone({ employeeNo: p.row.employeeNo, level: p.level, revoked });
    setSigning(null);
    setRevoking(null);
  };
  return (
    <div className="stack">
      <section className="card">
        <h1>{t('induction.title')}</h1>
        <p>{board.levels.length === 0 ? t('induction.noLevels') : board.levels.map((l) => t('induction.levelHours', { level: levelName(l.level), n: l.hours })).join(' · ')}</p>
        <p className="muted">{t('induction.how')}</p>
        {closed && <p className="notice">{t('induction.closed')}</p>}
      </section>
      {doneRow && doneLevel && (
        <div className="ok-box" role="status" data-testid="induction-done">
          {done!.revoked
            ? t('induction.revokedNote', { name: doneRow.name, level: levelName(doneLevel.level) })
            : doneLevel.signed &&
              t('induction.signedNote', { name: doneRow.name, level: levelName(doneLevel.level), date: dayText(doneLevel.signed.date, i18n.language), signer: doneLevel.signed.signerName })}
          <br />
          {t('induction.nowRow', {
            name: doneRow.name,
            levels: doneRow.levels.map((l) => `${levelName(l.level)} ${l.signed ? '✓' : t('induction.empty')}`).join('，'),
          })}
        </div>
      )}
      <section className="card">
        {board.rows.length === 0 ? (
          <p>{t('induction.nobody')}</p>
        ) : (
          <table className="table wrap-head induction-table" data-testid="induction-table">
            <thead>
              <tr>
                <PersonHeadCells />
                <th>{t('induction.post')}</th>
                {board.levels.map((l) => (
                  <th key={l.level}>{t('induction.levelHours', { level: levelName(l.level), n: l.hours })}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {board.rows.map((r) => (
                <tr key={r.employeeNo} className={done?.employeeNo === r.employeeNo ? 'just-changed' : ''}>
                  <td>{r.employeeNo}</td>
                  <td>{r.name}</td>
                  <td>{r.dept}</td>
                  <td>{r.team || '—'}</td>
                  <td>{r.post || '—'}</td>
                  {r.levels.map((l) => (
                    <td key={l.level} data-testid={`level-${r.employeeNo}-${l.level}`}>
                      {l.signed ? (
                        <button type="button" className="level-cell signed" onClick={() => setRevoking({ row: r, level: l.level })}>
                          <strong>✓ {dayText(l.signed.date, i18n.language)}</strong>
                          <span>{t('induction.signedBy', { name: l.signed.signerName })}</span>
                        </button>
                      ) : closed ? (
                        <span className="muted">{t('induction.empty')}</span>
                      ) : (
                        <button type="button" className="level-cell empty" onClick={() => setSigning({ row: r, level: l.level })}>
                          {t('induction.enter')}
                        </button>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {signing && (
        <SignDialog
          board={board}
          row={signing.row}
          level={signing.level}
          onCancel={() => setSigning(null)}
          onSign={async (x) => answered(await api['induction.sign']({ campaignId: campaign.id, employeeNo: signing.row.employeeNo, level: signing.level, ...x }), signing, false)}
        />
      )}
      {revoking && (
        <RevokeDialog
          row={revoking.row}
          level={revoking.level}
          closed={closed}
          onCancel={() => setRevoking(null)}
          onRevoke={async (reason) => answered(await api['induction.revoke']({ campaignId: campaign.id, employeeNo: revoking.row.employeeNo, level: revoking.level, reason }), revoking, true)}
        />
      )}
    </div>
  );
}
