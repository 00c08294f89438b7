import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { countEssay } from '../../../electron/core/essay';
import { ESSAY_PARTS, type EssayParts } from '../../../electron/core/model';
import type { CampaignSummary, EssayView, Me } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime, localTime } from '../shell/format';

const AUTOSAVE_MS = 5000;

/** 个人剖析材料: four guided parts, live 字数 against the minimum, autosave, submit. */
export function EssayPage({ campaign, me }: { campaign: CampaignSummary; me: Me }) {
  const { t } = useTranslation();
  const [view, setView] = useState<EssayView | null>(null);
  const [parts, setParts] = useState<EssayParts | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const dirty = useRef(false);
  const partsRef = useRef(parts);
  partsRef.current = parts;

  useEffect(() => {
    api['essay.get']({ campaignId: campaign.id }).then(
      (v) => {
        setView(v);
        setParts(v.parts);
        setSavedAt(v.savedAt);
      },
      setError,
    );
  }, [campaign.id]);

  const editable = view !== null && (view.status === 'not_started' || view.status === 'draft' || view.status === 'returned');
  async function save() {
    if (!dirty.current || !partsRef.current || !editable) return;
    dirty.current = false;
    try {
      const r = await api['essay.save']({ campaignId: campaign.id, parts: partsRef.current });
      setSavedAt(r.savedAt);
    } catch (e) {
      dirty.current = true;
      setError(e);
    }
  }
  useEffect(() => {
    const id = window.setInterval(() => void save(), AUTOSAVE_MS);
    const onHide = () => void save();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.clearInterval(id);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void save();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editable]);

  if (!view || !parts) return error ? <ErrorNote error={error} /> : <p className="muted">{t('common.loading')}</p>;
  const counts = countEssay(parts);
  const enough = counts.total >= view.minChars;
  const leader = me.person?.leader ?? false;

  async function submit() {
    if (!parts || !window.confirm(t('essay.confirmSubmit'))) return;
    setError(null);
    try {
      const v = await api['essay.submit']({ campaignId: campaign.id, parts });
      dirty.current = false;
      setView(v);
      setParts(v.parts);
    } catch (e) {
      setError(e);
    }
  }
  const lastReturn = [...view.reviews].reverse().find((r) => r.decision === 'return');
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <h1>{t('essay.title')}</h1>
          <span className={`status status-${view.status}`} data-testid="essay-status">
            {t(`essay.status.${view.status}`)}
          </span>
        </div>
        <p className="muted">{t('essay.intro', { deadline: campaign.essay.deadline })}</p>
        {view.accidents.length > 0 && <p>{t('essay.accidents', { list: view.accidents.join('；') })}</p>}
        {leader && <p className="notice">{t('essay.leaderNote')}</p>}
        {view.status === 'returned' && lastReturn && (
          <p className="notice" data-testid="return-comment">
            {t('essay.returned', { comment: lastReturn.comment, at: localDateTime(lastReturn.at) })}
          </p>
        )}
      </section>
      {ESSAY_PARTS.map((k) => (
        <section className="card" key={k}>
          <label className="essay-part">
            <span className="part-title">{t(`essay.parts.${k}.title`)}</span>
            <span className="muted small">{t(`essay.parts.${k}.prompt`)}</span>
            <textarea
              data-part={k}
              rows={7}
              value={parts[k]}
              readOnly={!editable}
              onChange={(e) => {
                dirty.current = true;
                setParts({ ...parts, [k]: e.target.value });
              }}
            />
          </label>
          <div className="muted small right">{t('essay.partCount', { n: counts.perPart[k] })}</div>
        </section>
      ))}
      <section className="card sticky-bottom row-between">
        <span className={enough ? 'ok' : 'notice'} data-testid="essay-count">
          {t('essay.total', { n: counts.total, min: view.minChars })}
        </span>
        <span className="muted" data-testid="essay-saved">
          {savedAt ? t('essay.savedAt', { time: localTime(savedAt) }) : t('essay.notSaved')}
        </span>
        <ErrorNote error={error} />
        {editable && (
          <button type="button" className="primary big" disabled={!enough} onClick={() => void submit()}>
            {t('essay.submit')}
          </button>
        )}
      </section>
    </div>
  );
}
