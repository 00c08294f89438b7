import { useState } from 'react';
import { DayInput } from '../shell/Dates';
import { useTranslation } from 'react-i18next';
import type { DocMeta, ImportJobView, ImportPreview } from '../../../electron/shared/api';
import { api, ApiFailure } from '../../lib/api';
import { sendFile, type UploadState } from '../../lib/chunked-upload';
import { UploadProgress } from '../../components/UploadProgress';
import { ErrorNote } from '../shell/ErrorNote';
import { ProgressBar } from '../study/ProgressBar';

const CATEGORIES = ['法律', '行政法规', '国家标准', '行业标准', '地方文件', '企业制度', '事故案例'] as const;

/**
 * Choose a file → it is sent in chunks (progress shown; after an interruption, go on from where it
 * stopped) → see what was read from it (pages, characters, a sample, metadata) → confirm.
 */
export function ImportPanel({ docs, docId, onDone, onCancel }: { docs: DocMeta[]; docId: string | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [meta, setMeta] = useState({ title: '', docNo: '', issuer: '', category: '企业制度' as (typeof CATEGORIES)[number], effective: '', suggestedMinutes: 30, summary: '' });
  const target = docId ? docs.find((d) => d.id === docId) : null;

  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [uploadStopped, setUploadStopped] = useState(false);

  async function choose(e: React.ChangeEvent<HTMLInputElement>) {
    const chosen = e.target.files?.[0];
    setPreview(null);
    setError(null);
    setUpload(null);
    setFile(chosen ?? null);
    if (chosen) await sendAndRead(chosen, null);
  }
  /** Send the file (or the rest of it, resuming `uploadId`), then have the backend read it. */
  async function sendAndRead(f: File, uploadId: string | null) {
    setBusy(true);
    setUploadStopped(false);
    setError(null);
    let sent: string | null = null;
    let started = uploadId !== null;
    try {
      const done = await sendFile(api, f, 'document', {
        uploadId,
        onState: (s) => {
          started = true;
          setUpload(s);
        },
      });
      sent = done.uploadId;
      // Reading a large PDF takes a while: the backend reports pages read, and can stop.
      let j = await api['corpus.importStart']({ uploadId: done.uploadId });
      setUpload(null);
      setJob(j);
      while (j.state === 'reading') {
        await new Promise((r) => setTimeout(r, 300));
        j = await api['corpus.importJob']({ jobId: j.jobId });
        setJob(j);
      }
      if (j.state === 'failed') setError(new Error(j.error ?? ''));
      if (j.state === 'ready' && j.preview) {
        const p = j.preview;
        setPreview(p);
        setMeta((m) => ({ ...m, title: p.title, docNo: p.docNo }));
      }
    } catch (err) {
      // an upload cut short is kept on the server: the person goes on from there, and the notice
      // beside the bar says so (a lost network needs no second message); any other refusal is shown
      const cutShort = started && sent === null;
      if (cutShort) setUploadStopped(true);
      if (!cutShort || !(err instanceof ApiFailure && err.code === 'network')) setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function cancel() {
    // an upload cut short is not kept waiting for a day (the server's sweep): the person has given it up
    if (uploadStopped && upload?.uploadId) await api['upload.cancel']({ uploadId: upload.uploadId }).catch(() => undefined);
    setUpload(null);
    if (job && (job.state === 'reading' || job.state === 'ready')) setJob(await api['corpus.importCancel']({ jobId: job.jobId }));
    setPreview(null);
  }
  async function commit() {
    if (!job) return;
    setBusy(true);
    try {
      await api['corpus.importCommit'](docId ? { jobId: job.jobId, docId } : { jobId: job.jobId, newDoc: meta });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="card import" data-testid="import-panel">
      <h2>{target ? t('documents.importFor', { title: target.title }) : t('documents.importOwn')}</h2>
      <label className="file">
        {t('documents.choose')}
        <input type="file" accept=".pdf,.docx,.doc,.wps,.html,.htm,.mht,.mhtml,.md,.markdown,.txt" onChange={(e) => void choose(e)} data-testid="import-file" disabled={busy} />
      </label>
      <p className="muted small">{t('documents.formatsHelp')}</p>
      {upload && <UploadProgress state={upload} stopped={uploadStopped && !busy} onResume={() => file && void sendAndRead(file, upload.uploadId)} />}
      {job?.state === 'reading' && (
        <div className="row" data-testid="import-progress">
          <div className="grow">
            <ProgressBar value={job.done} max={Math.max(1, job.total)} label={t('documents.reading')} />
            <span className="muted small" data-testid="import-progress-text">
              {job.queued ? t('documents.readingQueued', { n: job.queued }) : job.total > 1 ? t('documents.readingPages', { done: job.done, total: job.total }) : t('documents.reading')}
            </span>
          </div>
          <button type="button" className="secondary" onClick={() => void cancel()}>
            {t('documents.stop')}
          </button>
        </div>
      )}
      {job?.state === 'cancelled' && <p className="notice">{t('documents.cancelled')}</p>}
      <ErrorNote error={error} />
      {preview && (
        <>
          <p data-testid="import-preview">{t('documents.previewLine', { file: preview.fileName, pages: preview.pages, chars: preview.chars })}</p>
          {preview.duplicateOf && <p className="notice">{t('documents.duplicate', { at: preview.duplicateOf.importedAt.slice(0, 10) })}</p>}
          {!docId && preview.matchDocId && <p className="notice">{t('documents.matches', { title: docs.find((d) => d.id === preview.matchDocId)?.title ?? '' })}</p>}
          <blockquote className="answer small">{preview.sample}</blockquote>
          {!docId && (
            <div className="grid2">
              <label>
                {t('documents.fTitle')}
                <input value={meta.title} onChange={(e) => setMeta({ ...meta, title: e.target.value })} />
              </label>
              <label>
                {t('documents.fDocNo')}
                <input value={meta.docNo} onChange={(e) => setMeta({ ...meta, docNo: e.target.value })} />
              </label>
              <label>
                {t('documents.fIssuer')}
                <input value={meta.issuer} onChange={(e) => setMeta({ ...meta, issuer: e.target.value })} />
              </label>
              <label>
                {t('documents.category')}
                <select value={meta.category} onChange={(e) => setMeta({ ...meta, category: e.target.value as (typeof CATEGORIES)[number] })}>
                  {CATEGORIES.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </label>
              <label>
                {t('documents.fEffective')}
                <DayInput value={meta.effective} onChange={(e) => setMeta({ ...meta, effective: e.target.value })} />
              </label>
              <label>
                {t('documents.fMinutes')}
                <input type="number" min={0} value={meta.suggestedMinutes} onChange={(e) => setMeta({ ...meta, suggestedMinutes: Number(e.target.value) })} />
              </label>
            </div>
          )}
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={() => void commit()}>
              {t('documents.confirm')}
            </button>
          </div>
        </>
      )}
      <button type="button" className="link" onClick={() => void cancel().then(onCancel)}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
