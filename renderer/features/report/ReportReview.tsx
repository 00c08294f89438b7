import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkScores, REPORT_PARTS, type ScoreItem } from '../../../electron/core/duty-report';
import type { ReportRecord, ReportReviewView } from '../../../electron/shared/api';
import { api, downloadBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { TableHead } from '../../components/TableHead';

/** The answers so far: returned with remarks, or accepted with a score. */
export function ReviewHistory({ reviews }: { reviews: ReportReviewView[] }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('report.reviews')}</h3>
      <ol className="history" data-testid="report-reviews">
        {reviews.map((r) => (
          <li key={r.at}>
            {localDateTime(r.at)} · {t('report.version', { n: r.version })} · {r.bureau ? t('report.bureauBy', { who: r.reviewerName }) : r.reviewerName} ·{' '}
            <strong>{r.decision === 'accept' ? t('report.accepted', { score: r.score?.total ?? '—' }) : t('report.returned')}</strong>
            {r.comment && <div>{r.comment}</div>}
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * One person's 述职 as their superior reads it: the latest version (older ones on request), the
 * attachments, and — when the caller may answer — return with remarks, or accept and score on an
 * editable 计分表 whose total is added up as the points are typed. A closed campaign's report is
 * only read (report.review is refused there).
 */
export function ReportReview({ campaignId, closed, employeeNo, onClose, onAnswered }: { campaignId: string; closed: boolean; employeeNo: string; onClose: () => void; onAnswered: () => void }) {
  const { t } = useTranslation();
  const [rec, setRec] = useState<ReportRecord | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [sheet, setSheet] = useState<ScoreItem[]>([]);
  const [points, setPoints] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api['report.read']({ campaignId, employeeNo }).then((r) => {
      setRec(r);
      setSheet(r.defaultSheet);
      setPoints(r.defaultSheet.map(() => ''));
    }, setError);
  }, [campaignId, employeeNo]);
  if (!rec) return error ? <ErrorNote error={error} /> : <p className="muted">{t('common.loading')}</p>;
  const v = rec.versions.find((x) => x.version === shown) ?? rec.versions.at(-1);
  const nums = points.map((p) => (p.trim() === '' ? NaN : Number(p)));
  const check = checkScores(sheet, nums);
  const max = Math.round(sheet.reduce((a, b) => a + b.max * 10, 0)) / 10;
  async function answer(decision: 'accept' | 'return') {
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api['report.review']({ campaignId, employeeNo, version: v.version, decision, comment, ...(decision === 'accept' ? { sheet, points: nums } : {}) });
      setRec(r);
      onAnswered();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  const setItem = (i: number, patch: Partial<ScoreItem>) => setSheet(sheet.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  return (
    <div className="panel" data-testid="report-review">
      <div className="row-between">
        <h2>{t('report.readTitle', { name: rec.person.name, level: rec.person.level ? t(`people.level.${rec.person.level}`) : '' })}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('report.close')}
        </button>
      </div>
      {rec.versions.length > 1 && (
        <div className="row">
          {rec.versions.map((x) => (
            <button key={x.version} type="button" className={x.version === v?.version ? 'primary small' : 'secondary small'} onClick={() => setShown(x.version)}>
              {t('report.version', { n: x.version })}
            </button>
          ))}
        </div>
      )}
      {v && (
        <div className="report-text">
          <p className="muted">{t('report.submittedLine', { at: localDateTime(v.at), n: v.total, to: v.to === 'bureau' ? t('report.bureau') : v.toName })}</p>
          {REPORT_PARTS.map((k) => (
            <div key={k}>
              <h3>{t(`report.parts.${k}.title`)}</h3>
              {v.parts[k].split(/\n+/).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
            </div>
          ))}
          {v.attachments.length > 0 && (
            <p>
              {t('report.attachments')}：
              {v.attachments.map((a) => (
                <button
                  key={a.sha256}
                  type="button"
                  className="link"
                  onClick={() => api['report.file']({ campaignId, employeeNo, sha256: a.sha256 }).then((x) => downloadBase64(x.fileName, x.base64), setError)}
                >
                  {a.name}
                </button>
              ))}
            </p>
          )}
        </div>
      )}
      {rec.reviews.length > 0 && <ReviewHistory reviews={rec.reviews} />}
      {closed && rec.status === 'submitted' && (
        <p className="notice" data-testid="report-closed">
          {t('report.closedReview')}
        </p>
      )}
      {!closed && rec.mayReview && v?.version === rec.versions.at(-1)?.version && (
        <div className="review-form" data-testid="report-answer">
          <label className="field">
            <span>{t('report.comment')}</span>
            <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <div className="row">
            <button
              type="button"
              className="secondary big"
              disabled={busy || comment.trim() === ''}
              title={comment.trim() === '' ? t('report.commentNeeded') : undefined}
              onClick={() => void answer('return')}
            >
              {t('report.return')}
            </button>
          </div>
          <h3>{t('report.sheet')}</h3>
          <table className="table score-sheet">
            <TableHead cols={[t('report.item'), t('report.itemMax'), t('report.points'), null]} />
            <tbody>
              {sheet.map((it, i) => (
                <tr key={i}>
                  <td>
                    <input aria-label={t('report.item')} value={it.name} onChange={(e) => setItem(i, { name: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={t('report.itemMax')} type="number" min={0.5} step={0.5} className="narrow" value={it.max} onChange={(e) => setItem(i, { max: Number(e.target.value) })} />
                  </td>
                  <td>
                    <input
                      aria-label={t('report.pointsFor', { item: it.name })}
                      data-item={i}
                      type="number"
                      min={0}
                      max={it.max}
                      step={0.5}
                      className="narrow"
                      value={points[i] ?? ''}
                      onChange={(e) => setPoints(points.map((p, j) => (j === i ? e.target.value : p)))}
                    />
                  </td>
                  <td>
                    <button type="button" className="secondary small" onClick={() => (setSheet(sheet.filter((_, j) => j !== i)), setPoints(points.filter((_, j) => j !== i)))}>
                      {t('report.removeItem')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row-between">
            <button type="button" className="secondary" onClick={() => (setSheet([...sheet, { name: '', max: 5 }]), setPoints([...points, '']))}>
              {t('report.addItem')}
            </button>
            <strong data-testid="score-total">{check.ok ? t('report.totalScore', { total: check.total, max }) : <span className="notice">{t('report.scoreIncomplete')}</span>}</strong>
            <button type="button" className="primary big" disabled={busy || !check.ok || sheet.some((it) => !it.name.trim())} onClick={() => void answer('accept')}>
              {t('report.accept')}
            </button>
          </div>
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
