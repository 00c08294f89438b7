import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { partsFor, type EssayPart } from '../../../electron/core/model';
import type { CampaignSummary, EssayCompare } from '../../../electron/shared/api';
import { api, downloadBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';

interface Remark {
  part: EssayPart;
  comment: string;
  quote: string;
}

/** Text with the shared passages marked. */
function Marked({ text, spans }: { text: string; spans: { start: number; end: number }[] }) {
  const out: React.ReactNode[] = [];
  let at = 0;
  spans.forEach((s, i) => {
    if (s.start > at) out.push(text.slice(at, s.start));
    out.push(<mark key={i}>{text.slice(s.start, s.end)}</mark>);
    at = s.end;
  });
  out.push(text.slice(at));
  return <div className="essay-text compare-text">{out}</div>;
}

/**
 * One person's essay: every version submitted, earlier reviews, similarity with the texts it
 * shares most with (side by side on demand), remarks on a part (quoting a selected passage), and
 * accept / return. A flagged essay is accepted only with a reason. A closed campaign's essay is
 * only read (grading.reviewEssay is refused there).
 */
export function EssayReviewPanel({ campaign, employeeNo, onClose }: { campaign: CampaignSummary; employeeNo: string; onClose: () => void }) {
  const { t } = useTranslation();
  const rec = useLoad(() => api['essay.read']({ campaignId: campaign.id, employeeNo }), [campaign.id, employeeNo]);
  const [versionIndex, setVersionIndex] = useState<number | null>(null);
  const [compare, setCompare] = useState<EssayCompare | null>(null);
  const [remarks, setRemarks] = useState<Remark[]>([]);
  const [comment, setComment] = useState('');
  const [override, setOverride] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (rec.error) return <ErrorNote error={rec.error} />;
  const r = rec.data;
  if (!r) return <p className="muted">{t('common.loading')}</p>;
  const vi = versionIndex ?? r.versions.length - 1;
  const v = r.versions[vi];
  const latest = vi === r.versions.length - 1;
  const closed = !!campaign.closedAt;
  const reviewable = !closed && r.status === 'submitted' && latest;
  const flagged = r.similarity?.flagged ?? false;

  function quoteSelection(part: EssayPart) {
    const sel = window.getSelection()?.toString().trim() ?? '';
    setRemarks((x) => [...x, { part, comment: '', quote: sel.slice(0, 500) }]);
  }
  async function review(decision: 'accept' | 'return') {
    setError(null);
    try {
      await api['grading.reviewEssay']({
        campaignId: campaign.id,
        employeeNo,
        version: v!.version,
        decision,
        comment,
        partComments: remarks.filter((x) => x.comment.trim()).map((x) => ({ ...x, comment: x.comment.trim() })),
        ...(decision === 'accept' && flagged ? { override } : {}),
      });
      onClose();
    } catch (e) {
      setError(e);
    }
  }
  async function openCompare(other: string) {
    try {
      setCompare(await api['essay.compare']({ campaignId: campaign.id, employeeNo, other }));
    } catch (e) {
      setError(e);
    }
  }
  const exportAs = (format: 'pdf' | 'docx') => api['essay.export']({ campaignId: campaign.id, employeeNo, format }).then((x) => downloadBase64(x.fileName, x.base64), setError);
  return (
    <div className="stack" data-testid="essay-review">
      <section className="card">
        <div className="row-between">
          <h1>
            {t('essay.title')} · {r.person.name}（{r.person.employeeNo}，{r.person.dept}
            {r.person.post ? ` ${r.person.post}` : ''}）
          </h1>
          <button type="button" className="secondary" onClick={onClose}>
            {t('essays.back')}
          </button>
        </div>
        <div className="row">
          <span className={`status status-${r.status}`}>{t(`essay.status.${r.status}`)}</span>
          {r.versions.map((x, i) => (
            <button key={x.version} type="button" className={i === vi ? 'tab active' : 'tab'} onClick={() => setVersionIndex(i)}>
              {t('essays.version', { n: x.version })}
            </button>
          ))}
          <button type="button" className="link" onClick={() => void exportAs('pdf')}>
            {t('essay.exportPdf')}
          </button>
          <button type="button" className="link" onClick={() => void exportAs('docx')}>
            {t('essay.exportDocx')}
          </button>
        </div>
        {closed && r.status === 'submitted' && (
          <p className="notice" data-testid="essay-closed">
            {t('essays.closed')}
          </p>
        )}
        {v && (
          <p className="muted small">
            {t('essays.versionMeta', { at: localDateTime(v.at), n: v.total })}
            {v.accidents.length > 0 && ` · ${t('essays.accidents', { list: v.accidents.join('；') })}`}
          </p>
        )}
      </section>
      {r.similarity && (
        <section className={flagged ? 'card notice-box' : 'card'} data-testid="similarity">
          <h2>{t('essays.similarityTitle', { percent: r.similarity.percent, threshold: r.thresholdPercent })}</h2>
          <ul>
            {r.similarity.matches.map((m) => (
              <li key={m.id}>
                {m.label}：{m.percent}%{' '}
                <button type="button" className="link" onClick={() => void openCompare(m.id)}>
                  {t('essays.compare')}
                </button>
              </li>
            ))}
          </ul>
          {compare && (
            <div className="compare" data-testid="compare" ref={(el) => el?.scrollIntoView({ block: 'nearest' })}>
              <p>{t('essays.compareLine', { percent: compare.share })}</p>
              <div className="grid2">
                <div>
                  <h3>{compare.a.label}</h3>
                  <Marked text={compare.a.text} spans={compare.a.spans} />
                </div>
                <div>
                  <h3>{compare.b.label}</h3>
                  <Marked text={compare.b.text} spans={compare.b.spans} />
                </div>
              </div>
            </div>
          )}
        </section>
      )}
      {v &&
        partsFor(r.person.leader).map((k) => (
          <section key={k} className="card">
            <div className="row-between">
              <h3>{t(`essay.parts.${k}.title`)}</h3>
              {reviewable && (
                <button type="button" className="secondary" onMouseDown={(e) => e.preventDefault()} onClick={() => quoteSelection(k)} data-testid={`remark-${k}`}>
                  {t('essays.remark')}
                </button>
              )}
            </div>
            <p className="essay-text">{v.parts[k]}</p>
            {remarks.map((x, i) =>
              x.part !== k ? null : (
                <div key={i} className="remark">
                  {x.quote && <q>{x.quote}</q>}
                  <input
                    autoFocus={i === remarks.length - 1}
                    className="wide"
                    aria-label={t('essays.remarkOn', { part: t(`essay.parts.${k}.title`) })}
                    value={x.comment}
                    onChange={(e) => setRemarks(remarks.map((y, j) => (j === i ? { ...y, comment: e.target.value } : y)))}
                  />
                  <button type="button" className="link" onClick={() => setRemarks(remarks.filter((_, j) => j !== i))}>
                    ✕
                  </button>
                </div>
              ),
            )}
          </section>
        ))}
      {r.reviews.length > 0 && (
        <section className="card">
          <h2>{t('essays.rounds')}</h2>
          <ol className="history">
            {r.reviews.map((x, i) => (
              <li key={i}>
                {localDateTime(x.at)} · {t('essays.version', { n: x.version })} · {x.reviewer} · {x.decision === 'accept' ? t('grading.accept') : t('grading.return')}
                {x.comment && `：${x.comment}`}
                {x.partComments.map((pc, j) => (
                  <div key={j} className="small">
                    {t(`essay.parts.${pc.part}.title`)}：{pc.quote && <q>{pc.quote}</q>} {pc.comment}
                  </div>
                ))}
                {x.override && <div className="small notice">{t('essays.overrideWas', { reason: x.override })}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {reviewable && (
        <section className="card stack">
          <h2>{t('essays.decide')}</h2>
          <textarea rows={2} placeholder={t('essays.comment')} aria-label={t('essays.comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
          {flagged && (
            <label>
              {t('essays.overrideLabel')}
              <input value={override} onChange={(e) => setOverride(e.target.value)} data-testid="override" />
            </label>
          )}
          <div className="row">
            <button type="button" className="primary" disabled={flagged && !override.trim()} onClick={() => void review('accept')}>
              {t('grading.accept')}
            </button>
            <button type="button" className="secondary" onClick={() => void review('return')}>
              {t('grading.return')}
            </button>
          </div>
          <ErrorNote error={error} />
        </section>
      )}
      {!reviewable && <ErrorNote error={error} />}
    </div>
  );
}
