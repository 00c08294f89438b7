import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../../electron/core/evidence';
import type { FindingView } from '../../../electron/shared/api';
import { api, base64ToBlob } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { dayText, localDateTime } from '../shell/format';
import { PhotoPicker } from './PhotoPicker';

/**
 * One finding of the 问题台账: what and where, 整改措施, 责任人 and 期限 (overdue ones marked), its
 * photos, what was done, and the 验收. The 责任人 (or the office) reports the rectification; an
 * officer who is not the 责任人 does the 验收.
 */
export function FindingCard({ finding: f, me, office, onChanged }: { finding: FindingView; me: string; office: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<FileRef[]>([]);
  const [shown, setShown] = useState<{ name: string; url: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const mayRectify = f.status === 'open' && (office || f.owner === me);
  const [acting, setActing] = useState(false);
  const mayVerify = office && f.status === 'rectified' && f.owner !== me;
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      setNote('');
      setPhotos([]);
      setActing(false);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  async function show(p: FileRef) {
    try {
      const x = await api['finding.file']({ findingId: f.id, sha256: p.sha256 });
      if (shown) URL.revokeObjectURL(shown.url);
      setShown({ name: x.fileName, url: URL.createObjectURL(base64ToBlob(x.base64, p.kind === 'png' ? 'image/png' : 'image/jpeg')) });
    } catch (e) {
      setError(e);
    }
  }
  const photoLinks = (list: FileRef[]) =>
    list.map((p) => (
      <button key={p.sha256} type="button" className="link" onClick={() => void show(p)}>
        {p.name}
      </button>
    ));
  const state = f.status === 'closed' ? 'done' : f.overdue ? 'overdue' : 'later';
  return (
    <article className={`finding finding-${state}`} data-finding={f.id} data-testid="finding">
      <div className="row-between">
        <strong>
          <span className={`level level-${f.level}`}>{t(`inspect.levels.${f.level}`)}</span> {f.location}：{f.description}
        </strong>
        <span className={`state state-${state}`} data-testid="finding-status">
          {f.overdue ? t('inspect.overdue', { due: dayText(f.due) }) : t(`inspect.status.${f.status}`)}
        </span>
      </div>
      <div className="muted small">
        {f.inspection ? (
          <>
            {t(`inspect.kinds.${f.inspection.kind}`)} · {f.inspection.unit} · {dayText(f.inspection.date)}
          </>
        ) : f.discussion ? (
          <>
            {t('minutes.raisedIn', { topic: f.discussion.topic })} · {dayText(f.discussion.date)}
          </>
        ) : null}
      </div>
      <p>
        {t('inspect.measure')}：{f.measure}
      </p>
      <p>
        {t('inspect.owner')}：{f.ownerName}（{f.owner}） · {t('inspect.due')}：{dayText(f.due)}
      </p>
      {f.photos.length > 0 && (
        <p>
          {t('inspect.photos')}：{photoLinks(f.photos)}
        </p>
      )}
      {(f.rectifications.length > 0 || f.verifications.length > 0) && (
        <ol className="history">
          {[
            ...f.rectifications.map((r) => ({ at: r.at, text: `${t('inspect.rectifiedBy', { who: f.names[r.by] ?? r.by })}：${r.note}`, photos: r.photos })),
            ...f.verifications.map((v) => ({
              at: v.at,
              text: `${v.passed ? t('inspect.passedBy', { who: f.names[v.by] ?? v.by }) : t('inspect.failedBy', { who: f.names[v.by] ?? v.by })}${v.note ? `：${v.note}` : ''}`,
              photos: [] as FileRef[],
            })),
          ]
            .sort((a, b) => a.at.localeCompare(b.at))
            .map((x) => (
              <li key={x.at + x.text}>
                {localDateTime(x.at)} · {x.text} {photoLinks(x.photos)}
              </li>
            ))}
        </ol>
      )}
      {shown && (
        <figure className="photo">
          <img src={shown.url} alt={shown.name} />
          <figcaption>
            {shown.name}{' '}
            <button type="button" className="secondary small" onClick={() => setShown(null)}>
              {t('report.close')}
            </button>
          </figcaption>
        </figure>
      )}
      {mayRectify && !mayVerify && !acting && (
        <button type="button" className={f.owner === me ? 'primary' : 'secondary'} onClick={() => setActing(true)}>
          {t('inspect.rectify')}
        </button>
      )}
      {((mayRectify && acting) || mayVerify) && (
        <div className="panel">
          <label className="field">
            <span>{mayVerify ? t('inspect.verifyNote') : t('inspect.rectifyNote')}</span>
            <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          {mayRectify && !mayVerify && <PhotoPicker photos={photos} onChange={setPhotos} onError={setError} />}
          <div className="row">
            {mayRectify && !mayVerify && (
              <button
                type="button"
                className="primary"
                disabled={!note.trim()}
                onClick={() => void run(() => api['finding.rectify']({ findingId: f.id, note, photos: photos.map((p) => ({ sha256: p.sha256, name: p.name })) }))}
              >
                {t('inspect.rectify')}
              </button>
            )}
            {mayVerify && (
              <>
                <button type="button" className="primary" onClick={() => void run(() => api['finding.verify']({ findingId: f.id, passed: true, note }))}>
                  {t('inspect.pass')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={!note.trim()}
                  title={note.trim() ? undefined : t('inspect.failNeedsNote')}
                  onClick={() => void run(() => api['finding.verify']({ findingId: f.id, passed: false, note }))}
                >
                  {t('inspect.fail')}
                </button>
              </>
            )}
          </div>
        </div>
      )}
      {office && f.status === 'rectified' && f.owner === me && <p className="notice small">{t('inspect.notYours')}</p>}
      <ErrorNote error={error} />
    </article>
  );
}

/** On the employee's home: the findings they are 责任人 of, if any. */
export function MyFindings({ campaignId, me }: { campaignId: string; me: string }) {
  const { t } = useTranslation();
  const [n, setN] = useState(0);
  const [list, setList] = useState<FindingView[] | null>(null);
  useEffect(() => {
    api['finding.mine']({ campaignId }).then(setList, () => setList([]));
  }, [campaignId, n]);
  if (!list || list.length === 0) return null;
  const open = list.filter((f) => f.status !== 'closed');
  return (
    <section className="card" data-testid="my-findings">
      <h2>{t('inspect.mine', { n: open.length })}</h2>
      <div className="stack">
        {list.map((f) => (
          <FindingCard key={f.id} finding={f} me={me} office={false} onChanged={() => setN(n + 1)} />
        ))}
      </div>
    </section>
  );
}
