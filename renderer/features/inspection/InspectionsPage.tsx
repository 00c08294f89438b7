import { dayText } from '../shell/format';
import { DayInput } from '../shell/Dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_RESULTS, defaultChecklist, HAZARD_LEVELS, INSPECTION_KINDS, INSPECTION_SCOPES, type FindingInput, type InspectionInput, type InspectionKind } from '../../../electron/core/inspection';
import type { FileRef } from '../../../electron/core/evidence';
import type { CampaignSummary, FindingView, InspectionView } from '../../../electron/shared/api';
import { api, downloadBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { FindingCard } from './FindingCard';
import { PhotoPicker } from './PhotoPicker';
import { TableHead } from '../../components/TableHead';

const blankInspection = (campaignId: string, kind: InspectionKind, date: string): InspectionInput => ({
  campaignId,
  kind,
  scope: 'workshop',
  unit: '',
  date,
  inspectors: '',
  checklist: defaultChecklist(kind).map((item) => ({ item, result: 'pending', note: '' })),
});

/**
 * 安全专项检查 and the 问题台账, the office's page: inspections with their checklists, findings with
 * photos, 整改 and 验收; overdue findings first and marked; the ledger as .xlsx. A closed campaign's
 * inspections are only shown, and no finding is added to them; its findings are still rectified and
 * verified (a hazard is fixed whatever the record's state).
 */
export function InspectionsPage({ campaign, me }: { campaign: CampaignSummary; me: string }) {
  const { t } = useTranslation();
  const readOnly = !!campaign.closedAt;
  const list = useLoad(() => api['inspection.list']({ campaignId: campaign.id }), [campaign.id]);
  const roster = useLoad(() => api['roster.list']({}), []);
  const [editing, setEditing] = useState<InspectionInput | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const v = list.data;
  async function save() {
    if (!editing) return;
    setError(null);
    try {
      await api['inspection.save'](editing);
      setEditing(null);
      list.reload();
    } catch (e) {
      setError(e);
    }
  }
  const edit = (i: InspectionView) =>
    setEditing({ id: i.id, campaignId: i.campaignId, kind: i.kind, scope: i.scope, unit: i.unit, date: i.date, inspectors: i.inspectors, checklist: i.checklist.map((c) => ({ ...c })) });
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <h1>{t('inspect.title')}</h1>
          {v && (
            <div className="row" data-testid="finding-counts">
              <span className="state">{t('inspect.countFound', { n: v.counts.findings, major: v.counts.major })}</span>
              <span className="state state-done">{t('inspect.countClosed', { n: v.counts.closed })}</span>
              <span className={`state state-overdue${v.counts.overdue ? '' : ' none'}`}>{t('inspect.countOverdue', { n: v.counts.overdue })}</span>
            </div>
          )}
        </div>
        <p className="muted">{t('inspect.intro')}</p>
        <div className="row">
          {!readOnly && (
            <button type="button" className="primary" onClick={() => setEditing(blankInspection(campaign.id, 'procedure', v?.today ?? ''))}>
              {t('inspect.new')}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => api['inspection.ledger']({ campaignId: campaign.id }).then((x) => downloadBase64(x.fileName, x.base64), setError)}>
            {t('inspect.exportLedger')}
          </button>
        </div>
        <ErrorNote error={list.error ?? error} />
      </section>
      {editing && !readOnly && (
        <section className="card" data-testid="inspection-editor">
          <h2>{editing.id ? t('inspect.edit') : t('inspect.new')}</h2>
          <div className="form-grid">
            <label className="field">
              <span>{t('inspect.kind')}</span>
              <select
                value={editing.kind}
                onChange={(e) => {
                  const kind = e.target.value as InspectionKind;
                  // a new inspection takes the checklist of its kind; an edited one keeps its own
                  setEditing(editing.id ? { ...editing, kind } : { ...editing, kind, checklist: blankInspection(campaign.id, kind, editing.date).checklist });
                }}
              >
                {INSPECTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`inspect.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('inspect.scope')}</span>
              <select value={editing.scope} onChange={(e) => setEditing({ ...editing, scope: e.target.value as InspectionInput['scope'] })}>
                {INSPECTION_SCOPES.map((k) => (
                  <option key={k} value={k}>
                    {t(`inspect.scopes.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('inspect.unit')}</span>
              <input value={editing.unit} onChange={(e) => setEditing({ ...editing, unit: e.target.value })} />
            </label>
            <label className="field">
              <span>{t('inspect.date')}</span>
              <DayInput value={editing.date} onChange={(e) => setEditing({ ...editing, date: e.target.value })} />
            </label>
            <label className="field">
              <span>{t('inspect.inspectors')}</span>
              <input value={editing.inspectors} onChange={(e) => setEditing({ ...editing, inspectors: e.target.value })} />
            </label>
          </div>
          <h3>{t('inspect.checklist')}</h3>
          <table className="table checklist">
            <TableHead cols={[t('inspect.item'), t('inspect.result'), t('inspect.note'), null]} />
            <tbody>
              {editing.checklist.map((c, i) => {
                const set = (patch: Partial<typeof c>) => setEditing({ ...editing, checklist: editing.checklist.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                return (
                  <tr key={i}>
                    <td>
                      <input aria-label={t('inspect.item')} value={c.item} onChange={(e) => set({ item: e.target.value })} />
                    </td>
                    <td>
                      <select aria-label={t('inspect.resultFor', { item: c.item })} value={c.result} onChange={(e) => set({ result: e.target.value as typeof c.result })}>
                        {CHECK_RESULTS.map((r) => (
                          <option key={r} value={r}>
                            {t(`inspect.results.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input aria-label={t('inspect.note')} value={c.note} onChange={(e) => set({ note: e.target.value })} />
                    </td>
                    <td>
                      <button type="button" className="secondary small" onClick={() => setEditing({ ...editing, checklist: editing.checklist.filter((_, j) => j !== i) })}>
                        {t('report.removeItem')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="row">
            <button type="button" className="secondary" onClick={() => setEditing({ ...editing, checklist: [...editing.checklist, { item: '', result: 'pending', note: '' }] })}>
              {t('report.addItem')}
            </button>
            <button type="button" className="primary" onClick={() => void save()}>
              {t('inspect.save')}
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
          <ErrorNote error={error} />
        </section>
      )}
      {v && v.inspections.length > 0 && (
        <section className="card">
          <h2>{t('inspect.inspections')}</h2>
          <table className="table" data-testid="inspections">
            <TableHead cols={[t('inspect.date'), t('inspect.kind'), t('inspect.unit'), t('inspect.inspectors'), t('inspect.findingsCol'), ...(readOnly ? [] : [null])]} />
            <tbody>
              {v.inspections.map((i) => (
                <tr key={i.id} data-id={i.id}>
                  <td>{dayText(i.date)}</td>
                  <td>{t(`inspect.kinds.${i.kind}`)}</td>
                  <td>
                    {t(`inspect.scopes.${i.scope}`)}：{i.unit}
                  </td>
                  <td>{i.inspectors}</td>
                  <td>{t('inspect.findingsOpen', { n: i.findings, open: i.openFindings })}</td>
                  {!readOnly && (
                    <td className="row">
                      <button type="button" className="primary small" onClick={() => setAdding(i.id)}>
                        {t('inspect.addFinding')}
                      </button>
                      <button type="button" className="secondary small" onClick={() => edit(i)}>
                        {t('inspect.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {adding && !readOnly && (
            <FindingForm
              key={adding}
              inspectionId={adding}
              today={v.today}
              people={(roster.data ?? []).map((p) => ({ employeeNo: p.employeeNo, name: p.name, dept: p.dept }))}
              onDone={() => {
                setAdding(null);
                list.reload();
              }}
            />
          )}
        </section>
      )}
      {v && v.findings.length > 0 && (
        <section className="card">
          <h2>{t('inspect.ledger')}</h2>
          <div className="stack" data-testid="findings">
            {v.findings.map((f: FindingView) => (
              <FindingCard key={f.id} finding={f} me={me} office onChanged={list.reload} />
            ))}
          </div>
          <p className="muted small">{t('inspect.head', { head: v.head.slice(0, 16) })}</p>
        </section>
      )}
      {v && v.inspections.length === 0 && !editing && <p className="muted">{t('inspect.none')}</p>}
    </div>
  );
}

function FindingForm({ inspectionId, today, people, onDone }: { inspectionId: string; today: string; people: { employeeNo: string; name: string; dept: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<FindingInput>({ inspectionId, level: 'general', location: '', description: '', measure: '', owner: '', due: '', photos: [] });
  const [photos, setPhotos] = useState<FileRef[]>([]);
  const [error, setError] = useState<unknown>(null);
  async function save() {
    setError(null);
    try {
      await api['finding.record']({ ...f, photos: photos.map((p) => ({ sha256: p.sha256, name: p.name })) });
      onDone();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <div className="panel" data-testid="finding-form">
      <h3>{t('inspect.addFinding')}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{t('inspect.level')}</span>
          <select value={f.level} onChange={(e) => setF({ ...f, level: e.target.value as FindingInput['level'] })}>
            {HAZARD_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`inspect.levels.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('inspect.location')}</span>
          <input value={f.location} onChange={(e) => setF({ ...f, location: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('inspect.owner')}</span>
          <input list="finding-owners" value={f.owner} onChange={(e) => setF({ ...f, owner: e.target.value.trim() })} />
          <datalist id="finding-owners">
            {people.map((p) => (
              <option key={p.employeeNo} value={p.employeeNo}>
                {p.name} · {p.dept}
              </option>
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t('inspect.due')}</span>
          <DayInput min={today} value={f.due} onChange={(e) => setF({ ...f, due: e.target.value })} />
        </label>
      </div>
      <label className="field">
        <span>{t('inspect.description')}</span>
        <textarea rows={3} value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} />
      </label>
      <label className="field">
        <span>{t('inspect.measure')}</span>
        <textarea rows={2} value={f.measure} onChange={(e) => setF({ ...f, measure: e.target.value })} />
      </label>
      <PhotoPicker photos={photos} onChange={setPhotos} onError={setError} />
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()}>
          {t('inspect.saveFinding')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
