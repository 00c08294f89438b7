import { useConfirm } from '../../components/ConfirmDialog';
import { useEffect, useState } from 'react';
import { sayHere } from '../../lib/message-language';
import { useTranslation } from 'react-i18next';
import { countReport, REPORT_MIN_CHARS, REPORT_PARTS, type ReportPart, type ReportParts } from '../../../electron/core/duty-report';
import type { CampaignSummary, Me, ReportView } from '../../../electron/shared/api';
import { api, callWhileClosing, downloadBase64, fileToBase64 } from '../../lib/api';
import { pasteCleaned, readBuffer, useDraft } from '../../lib/use-draft';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime, localTime } from '../shell/format';
import { useLoad } from '../shell/use-load';
import { ReportReview, ReviewHistory } from './ReportReview';
import { ReportTable } from './ReportTable';

const AUTOSAVE_MS = 5000;
const bufferKey = (me: Me, campaignId: string) => `anxue.report.unsaved.${me.employeeNo}.${campaignId}`;

/**
 * 履职述职 for someone with a 岗位层级: their own report (three guided parts, autosaved, attachments,
 * submitted to the superior the roster names) and, for a superior, the reports of their people.
 */
export function ReportPage({ campaign, me }: { campaign: CampaignSummary; me: Me }) {
  const { t } = useTranslation();
  const [view, setView] = useState<ReportView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const inbox = useLoad(() => (view && view.inbox.people > 0 ? api['report.inbox']({ campaignId: campaign.id }) : Promise.resolve(null)), [campaign.id, view?.inbox.people, open]);
  useEffect(() => {
    api['report.get']({ campaignId: campaign.id }).then(setView, setError);
  }, [campaign.id]);
  if (!view) return error ? <ErrorNote error={error} /> : <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="stack">
      {view.level ? <MyReport campaign={campaign} me={me} view={view} onView={setView} /> : null}
      {view.inbox.people > 0 && (
        <section className="card" data-testid="report-inbox">
          <h2>{t('report.inboxTitle', { n: view.inbox.people })}</h2>
          <p className="muted">{t('report.inboxIntro')}</p>
          <ErrorNote error={inbox.error} />
          {inbox.data && <ReportTable rows={inbox.data} onOpen={setOpen} openNo={open} showSuperior={false} closed={!!campaign.closedAt} />}
          {open && (
            <ReportReview
              key={open}
              campaignId={campaign.id}
              closed={!!campaign.closedAt}
              employeeNo={open}
              onClose={() => setOpen(null)}
              onAnswered={() => {
                inbox.reload();
                api['report.get']({ campaignId: campaign.id }).then(setView, setError);
              }}
            />
          )}
        </section>
      )}
      {!view.level && view.inbox.people === 0 && view.problem && <p className="notice">{sayHere(view.problem)}</p>}
    </div>
  );
}

function MyReport({ campaign, me, view, onView }: { campaign: CampaignSummary; me: Me; view: ReportView; onView: (v: ReportView) => void }) {
  const { t } = useTranslation();
  const { dialog, ask } = useConfirm();
  const key = bufferKey(me, campaign.id);
  const editable = !campaign.closedAt && (view.status === 'not_started' || view.status === 'draft' || view.status === 'returned');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const draft = useDraft<{ parts: ReportParts }>({
    key,
    active: editable,
    everyMs: AUTOSAVE_MS,
    initialSavedAt: view.savedAt,
    onError: setError,
    send: (v, closing) => (closing ? callWhileClosing('report.save', { campaignId: campaign.id, parts: v.parts }) : api['report.save']({ campaignId: campaign.id, parts: v.parts })),
  });
  // text typed while the server could not be reached comes back, and is saved at the next tick
  const [parts, setParts] = useState<ReportParts>(() => {
    const unsaved = readBuffer<{ parts: ReportParts }>(key);
    if (!unsaved || !editable || (view.savedAt && unsaved.at <= view.savedAt)) return view.parts;
    const p = { ...view.parts, ...unsaved.parts };
    draft.restored({ parts: p });
    return p;
  });

  function change(k: ReportPart, text: string) {
    const next = { ...parts, [k]: text };
    setParts(next);
    draft.changed({ parts: next });
  }
  const paste = (k: ReportPart, e: React.ClipboardEvent<HTMLTextAreaElement>) => pasteCleaned(e, (text) => change(k, text));
  async function attach(files: FileList | null) {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      try {
        const r = await api['report.attach']({ campaignId: campaign.id, fileName: file.name, base64: await fileToBase64(file) });
        onView({ ...view, attachments: r.attachments, status: view.status === 'not_started' ? 'draft' : view.status });
      } catch (e) {
        setError(e);
      }
    }
  }
  async function detach(sha256: string) {
    try {
      const r = await api['report.detach']({ campaignId: campaign.id, sha256 });
      onView({ ...view, attachments: r.attachments });
    } catch (e) {
      setError(e);
    }
  }
  async function submit() {
    const to = view.to === 'bureau' ? t('report.bureau') : (view.to?.name ?? '');
    if (!view.to || !(await ask({ title: t('report.confirmTitle'), lines: [t('report.confirmSubmit', { to }), t('report.confirmNext', { to })], confirm: t('report.submitNow') }))) return;
    setBusy(true);
    setError(null);
    try {
      const v = await api['report.submit']({ campaignId: campaign.id, parts, to: view.to === 'bureau' ? 'bureau' : view.to.employeeNo });
      draft.done();
      onView(v);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const counts = countReport(parts);
  const enough = counts.total >= REPORT_MIN_CHARS && REPORT_PARTS.every((k) => counts.perPart[k] > 0);
  const last = view.reviews.at(-1);
  const returned = view.status === 'returned' && last?.decision === 'return' ? last : null;
  const accepted = view.status === 'accepted' && last?.decision === 'accept' ? last : null;
  const toText = view.to === 'bureau' ? t('report.bureau') : view.to ? `${view.to.name}（${view.to.employeeNo}${view.to.post ? `，${view.to.post}` : ''}）` : '—';
  return (
    <>
      {dialog}
      <section className="card">
        <div className="row-between">
          <h1>{t('report.title')}</h1>
          <span className={`status status-${view.status}`} data-testid="report-status">
            {t(`report.status.${view.status}`)}
          </span>
        </div>
        <p className="big-line" data-testid="report-to">
          {t('report.line', { level: t(`people.level.${view.level}`), to: toText })}
        </p>
        {view.problem && <p className="notice">{sayHere(view.problem)}</p>}
        <p className="muted">{t('report.intro', { min: REPORT_MIN_CHARS })}</p>
        {returned && (
          <div className="notice-box pad" data-testid="report-returned">
            <strong>{t('report.returnedTitle', { who: returned.reviewerName, at: localDateTime(returned.at) })}</strong>
            <p>{returned.comment}</p>
          </div>
        )}
        {accepted && (
          <div className="ok-box pad" data-testid="report-accepted">
            <strong>{t('report.acceptedTitle', { who: accepted.bureau ? t('report.bureau') : accepted.reviewerName, at: localDateTime(accepted.at), score: accepted.score?.total ?? '—' })}</strong>
            {accepted.comment && <p>{accepted.comment}</p>}
          </div>
        )}
      </section>
      {REPORT_PARTS.map((k) => (
        <section className="card" key={k}>
          <label className="essay-part">
            <span className="part-title">{t(`report.parts.${k}.title`)}</span>
            <span className="muted small">{t(`report.parts.${k}.prompt`)}</span>
            <textarea data-part={k} rows={6} value={parts[k]} readOnly={!editable} onPaste={(e) => paste(k, e)} onChange={(e) => change(k, e.target.value)} />
          </label>
          <div className="muted small right">{t('essay.partCount', { n: counts.perPart[k] })}</div>
        </section>
      ))}
      <section className="card">
        <h2>{t('report.attachments')}</h2>
        {view.attachments.length === 0 ? (
          <p className="muted">{t('report.noAttachments')}</p>
        ) : (
          <ul className="files" data-testid="report-attachments">
            {view.attachments.map((a) => (
              <li key={a.sha256}>
                <button
                  type="button"
                  className="link"
                  onClick={() => api['report.file']({ campaignId: campaign.id, employeeNo: me.employeeNo, sha256: a.sha256 }).then((x) => downloadBase64(x.fileName, x.base64), setError)}
                >
                  {a.name}
                </button>{' '}
                <span className="muted small">{Math.ceil(a.bytes / 1024)} KB</span>{' '}
                {editable && (
                  <button type="button" className="secondary small" onClick={() => void detach(a.sha256)}>
                    {t('report.detach')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {editable && (
          <label className="file-pick">
            <strong>{t('report.attach')}</strong>
            <input type="file" multiple accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" onChange={(e) => void attach(e.target.files).then(() => (e.target.value = ''))} />
            <span className="muted small">{t('report.attachHint')}</span>
          </label>
        )}
        {view.reviews.length > 0 && <ReviewHistory reviews={view.reviews} />}
      </section>
      <section className="card form-actions row-between">
        <span className={enough ? 'ok' : 'notice'} data-testid="report-count">
          {t('report.total', { n: counts.total, min: REPORT_MIN_CHARS })}
        </span>
        <span className={draft.offline ? 'notice' : 'muted'} data-testid="report-saved">
          {draft.offline ? t('essay.offline') : draft.savedAt ? t('essay.savedAt', { time: localTime(draft.savedAt) }) : t('essay.notSaved')}
        </span>
        <ErrorNote error={error} />
        {editable && view.to && (
          <button type="button" className="primary big" disabled={!enough || busy} onClick={() => void submit()}>
            {t('report.submit', { to: view.to === 'bureau' ? t('report.bureau') : view.to.name })}
          </button>
        )}
      </section>
    </>
  );
}
