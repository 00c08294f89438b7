import { dayText } from '../shell/format';
import { useState } from 'react';
import { Period, DayInput } from '../shell/Dates';
import { useTranslation } from 'react-i18next';
import { TASK_KINDS, type TaskInput } from '../../../electron/core/plan';
import type { CampaignSummary, PlanTaskView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';

/** where each kind of ledger evidence is seen in full */
const LEDGER_PAGE = { report: 'reports', inspection: 'inspections', essay: 'essays', assessment: 'results', summary: 'summary' } as const;

const blank = (campaignId: string, due: string): TaskInput => ({ campaignId, title: '', kind: 'other', phase: null, due, owner: null, note: '', sessionIds: [] });

/**
 * The officer's home: the campaign's phases and tasks, what is overdue and what falls due in the
 * next three days first. Each task has a deadline, an owner and evidence (linked collective sessions).
 */
export function PlanPage({ campaign, canEdit }: { campaign: CampaignSummary; canEdit: boolean }) {
  const { t } = useTranslation();
  const plan = useLoad(() => api['plan.get']({ campaignId: campaign.id }), [campaign.id]);
  const sessions = useLoad(() => (canEdit ? api['collective.list']({ campaignId: campaign.id }) : Promise.resolve([])), [campaign.id, canEdit]);
  const roster = useLoad(() => api['roster.list']({}), []);
  const [editing, setEditing] = useState<TaskInput | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      plan.reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };
  const p = plan.data;
  const edit = (x: PlanTaskView) =>
    setEditing({
      id: x.id,
      campaignId: x.campaignId,
      title: x.title,
      kind: x.kind,
      phase: x.phase,
      due: x.due,
      owner: x.owner,
      note: x.note,
      sessionIds: [...x.sessionIds],
      ...(x.inspectionKind ? { inspectionKind: x.inspectionKind } : {}),
    });
  async function save() {
    if (editing && (await run(() => api['plan.saveTask'](editing)))) setEditing(null);
  }
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <h1>{t('plan.title')}</h1>
          <a className="button-link" href="#/summary">
            {t('summary.open')}
          </a>
          {p && (
            <div className="row" data-testid="plan-counts">
              <span className={`state state-overdue${p.counts.overdue ? '' : ' none'}`}>{t('plan.countOverdue', { n: p.counts.overdue })}</span>
              <span className={`state state-soon${p.counts.soon ? '' : ' none'}`}>{t('plan.countSoon', { n: p.counts.soon })}</span>
              <span className="state state-done">{t('plan.countDone', { n: p.counts.done, total: p.tasks.length })}</span>
            </div>
          )}
        </div>
        <p className="muted">
          {campaign.name} · {t('plan.today', { date: dayText(p?.today ?? '') })}
        </p>
        <ErrorNote error={plan.error ?? error} />
        {p && p.missingOfficial.length > 0 && (
          <p className="notice" data-testid="missing-official">
            {t('plan.missingOfficial', { n: p.missingOfficial.length, titles: p.missingOfficial.map((d) => `《${d.title}》`).join('') })} <a href="#/documents">{t('plan.goImport')}</a>
          </p>
        )}
        {p && (
          <ol className="phases">
            {p.phases.map((x, i) => (
              <li key={i} className={x.current ? 'current' : ''}>
                <strong>{x.name}</strong>
                <span>
                  <Period start={x.start} end={x.end} />
                </span>
                {x.current && <span className="tag">{t('plan.now')}</span>}
              </li>
            ))}
          </ol>
        )}
        {p && p.tasks.length === 0 && (
          <div className="row">
            <p>{t('plan.empty')}</p>
            {canEdit && campaign.kind === 'warning' && (
              <button type="button" className="primary" onClick={() => void run(() => api['plan.fromTemplate']({ campaignId: campaign.id }))}>
                {t('plan.fromTemplate')}
              </button>
            )}
          </div>
        )}
      </section>
      {p && p.tasks.length > 0 && (
        <section className="card">
          <table className="table" data-testid="plan-tasks">
            <thead>
              <tr>
                <th>{t('plan.state')}</th>
                <th>{t('plan.task')}</th>
                <th>{t('plan.due')}</th>
                <th>{t('plan.owner')}</th>
                <th>{t('plan.evidence')}</th>
                {canEdit && <th />}
              </tr>
            </thead>
            <tbody>
              {p.tasks.map((x) => (
                <tr key={x.id} className={`task-${x.state}`}>
                  <td>
                    <span className={`state state-${x.state}`}>{t(`plan.state_${x.state}`)}</span>
                  </td>
                  <td>
                    <div>{x.title}</div>
                    <div className="muted small">
                      {t(`plan.kind.${x.kind}`)}
                      {x.phase !== null && p.phases[x.phase] ? ` · ${p.phases[x.phase]!.name}` : ''}
                      {x.note ? ` · ${x.note}` : ''}
                    </div>
                  </td>
                  <td className="nowrap">{dayText(x.due)}</td>
                  <td>{x.owner ? `${x.ownerName ?? ''}（${x.owner}）` : <span className="muted">{t('plan.noOwner')}</span>}</td>
                  <td>
                    {x.ledger && (
                      <div className="small" data-testid="task-ledger">
                        <a href={`#/${LEDGER_PAGE[x.ledger.key]}`}>
                          {x.ledger.key === 'summary' && x.ledger.n === 0 ? t('plan.ledger.summaryNone') : t(`plan.ledger.${x.ledger.key}`, { n: x.ledger.n, of: x.ledger.of, extra: x.ledger.extra })}
                        </a>
                      </div>
                    )}
                    {x.sessions.map((s) => (
                      <div key={s.id} className="small">
                        {dayText(s.date)} {s.topic}（{t('plan.attendees', { n: s.attendees })}）
                      </div>
                    ))}
                  </td>
                  {canEdit && (
                    <td className="nowrap">
                      <button type="button" className={x.status === 'done' ? '' : 'primary'} onClick={() => void run(() => api['plan.setDone']({ taskId: x.id, done: x.status !== 'done' }))}>
                        {x.status === 'done' ? t('plan.reopen') : t('plan.markDone')}
                      </button>{' '}
                      <button type="button" className="link" onClick={() => edit(x)}>
                        {t('plan.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {canEdit && !editing && (
            <button type="button" onClick={() => setEditing(blank(campaign.id, p.today))}>
              {t('plan.add')}
            </button>
          )}
        </section>
      )}
      {editing && (
        <section className="card" data-testid="plan-editor">
          <h2>{editing.id ? t('plan.editTitle') : t('plan.addTitle')}</h2>
          <div className="grid2">
            <label className="span2">
              {t('plan.task')}
              <input value={editing.title} onChange={(e) => setEditing({ ...editing, title: e.target.value })} />
            </label>
            <label>
              {t('plan.kindLabel')}
              <select value={editing.kind} onChange={(e) => setEditing({ ...editing, kind: e.target.value as TaskInput['kind'] })}>
                {TASK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`plan.kind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('plan.phase')}
              <select value={editing.phase ?? ''} onChange={(e) => setEditing({ ...editing, phase: e.target.value === '' ? null : Number(e.target.value) })}>
                <option value="">{t('plan.noPhase')}</option>
                {campaign.phases.map((x, i) => (
                  <option key={i} value={i}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('plan.due')}
              <DayInput value={editing.due} onChange={(e) => setEditing({ ...editing, due: e.target.value })} />
            </label>
            <label>
              {t('plan.ownerLabel')}
              <input list="plan-owners" value={editing.owner ?? ''} placeholder={t('plan.ownerHint')} onChange={(e) => setEditing({ ...editing, owner: e.target.value.trim() || null })} />
              <datalist id="plan-owners">
                {(roster.data ?? []).map((r) => (
                  <option key={r.employeeNo} value={r.employeeNo}>
                    {r.name} · {r.dept}
                  </option>
                ))}
              </datalist>
            </label>
            <label className="span2">
              {t('plan.note')}
              <input value={editing.note} onChange={(e) => setEditing({ ...editing, note: e.target.value })} />
            </label>
            <fieldset className="span2">
              <legend>{t('plan.evidenceLabel')}</legend>
              {(sessions.data ?? []).length === 0 && <p className="muted">{t('plan.noSessions')}</p>}
              {(sessions.data ?? []).map((s) => (
                <label key={s.id} className={`option${editing.sessionIds.includes(s.id) ? ' checked' : ''}`}>
                  <input
                    type="checkbox"
                    checked={editing.sessionIds.includes(s.id)}
                    onChange={(e) => setEditing({ ...editing, sessionIds: e.target.checked ? [...editing.sessionIds, s.id] : editing.sessionIds.filter((x) => x !== s.id) })}
                  />
                  {dayText(s.date)} {s.topic}
                </label>
              ))}
            </fieldset>
          </div>
          <div className="row">
            <button type="button" className="primary" onClick={() => void save()}>
              {t('plan.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('plan.cancel')}
            </button>
            {editing.id && (
              <button type="button" className="link" onClick={() => void run(() => api['plan.deleteTask']({ taskId: editing.id! })).then((ok) => ok && setEditing(null))}>
                {t('plan.delete')}
              </button>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
