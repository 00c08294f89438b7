import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeConflictView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';

/**
 * Workstations merged into this record set (anxue merge): what each merge brought, and what was
 * changed on both sides, side by side, for the officer to decide. Until decided, the version here
 * stays in force; the workstation's is kept.
 */
export function MergePage({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const merges = useLoad(() => api['merge.list']({}), []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  async function decide(c: MergeConflictView, choice: 'server' | 'workstation') {
    setError(null);
    setBusy(c.id);
    try {
      await api['merge.decide']({ conflictId: c.id, choice });
      merges.reload();
      onChanged?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  const data = merges.data;
  // yes/no fields come as "true"/"false"
  const show = (key: string, v: string) => (key === 'leader' && (v === 'true' || v === 'false') ? t(v === 'true' ? 'merge.yes' : 'merge.no') : v);
  const open = data?.conflicts.filter((c) => !c.decided) ?? [];
  return (
    <div className="stack">
      <section className="card">
        <h1>{t('merge.title')}</h1>
        <p>{t('merge.intro')}</p>
        <ErrorNote error={merges.error ?? error} />
        {data && data.runs.length === 0 && <p className="muted">{t('merge.none')}</p>}
        {data && data.runs.length > 0 && (
          <table className="table" data-testid="merge-runs">
            <thead>
              <tr>
                <th>{t('merge.when')}</th>
                <th>{t('merge.station')}</th>
                <th>{t('merge.brought')}</th>
                <th>{t('merge.conflicts')}</th>
              </tr>
            </thead>
            <tbody>
              {data.runs.map((r) => (
                <tr key={r.id}>
                  <td>{localDateTime(r.at)}</td>
                  <td>{r.station}</td>
                  <td>
                    {t('merge.broughtLine', { events: r.added.events, people: r.added.roster, recovered: r.added.recovered, same: r.same.events })}
                    {r.withoutAccount.length > 0 && <div className="notice">{t('merge.withoutAccount', { n: r.withoutAccount.length, list: r.withoutAccount.slice(0, 8).join('、') })}</div>}
                  </td>
                  <td>{r.conflicts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {data && data.conflicts.length > 0 && (
        <section className="card">
          <h2>{open.length > 0 ? t('merge.openTitle', { n: open.length }) : t('merge.allDecided')}</h2>
          {data.conflicts.map((c) => (
            <article key={c.id} className="card inner" data-testid="merge-conflict">
              <h3>
                {t(`merge.kind.${c.kind}`)}
                {c.employeeNo && ` · ${c.name ?? ''}（${c.employeeNo}）`}
                <span className="muted"> · {t('merge.from', { station: c.station })}</span>
              </h3>
              <table className="table">
                <thead>
                  <tr>
                    <th />
                    <th>{t('merge.server')}</th>
                    <th>{t('merge.workstation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.fields.map((f) => (
                    <tr key={f.key} className={f.server !== f.workstation ? 'changed' : ''}>
                      <th scope="row">{t(`merge.field.${f.key}`)}</th>
                      <td className="pre">{show(f.key, f.server)}</td>
                      <td className="pre">{show(f.key, f.workstation)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {c.decided ? (
                <p className="ok">{t('merge.decidedLine', { choice: t(`merge.choice.${c.decided.choice}`), by: c.decided.by, at: localDateTime(c.decided.at) })}</p>
              ) : c.choosable ? (
                <div className="actions">
                  <button type="button" className="primary" disabled={busy === c.id} onClick={() => void decide(c, 'server')}>
                    {t('merge.keepServer')}
                  </button>
                  <button type="button" disabled={busy === c.id} onClick={() => void decide(c, 'workstation')}>
                    {t('merge.takeWorkstation')}
                  </button>
                  <p className="muted">{t(`merge.effect.${c.kind}`)}</p>
                </div>
              ) : (
                <div className="actions">
                  <p className="error">{t('merge.evidence')}</p>
                  <button type="button" disabled={busy === c.id} onClick={() => void decide(c, 'server')}>
                    {t('merge.acknowledge')}
                  </button>
                </div>
              )}
            </article>
          ))}
        </section>
      )}
    </div>
  );
}
