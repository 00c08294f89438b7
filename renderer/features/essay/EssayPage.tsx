import { useConfirm } from '../../components/ConfirmDialog';
import { useEffect, useState } from 'react';
import { Day } from '../shell/Dates';
import { useTranslation } from 'react-i18next';
import { countEssay } from '../../../electron/core/essay';
import { partsFor, type EssayPart, type EssayParts } from '../../../electron/core/model';
import type { CampaignSummary, EssayView, Me, Output } from '../../../electron/shared/api';
import { api, callWhileClosing, downloadBase64 } from '../../lib/api';
import { pasteCleaned, readBuffer, useDraft } from '../../lib/use-draft';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime, localTime } from '../shell/format';

const AUTOSAVE_MS = 5000;

/** Text typed but not yet saved (the network or the server was down): kept on this PC until it is. */
const bufferKey = (me: Me, campaignId: string) => `anxue.essay.unsaved.${me.employeeNo}.${campaignId}`;
interface Unsaved {
  parts: EssayParts;
  accidents: string[];
  at: string;
}

/** 个人剖析材料: guided parts (five for 班子成员), accidents chosen, live 字数, autosave, history, submit, print. */
export function EssayPage({ campaign, me }: { campaign: CampaignSummary; me: Me }) {
  const { t } = useTranslation();
  const { dialog, ask } = useConfirm();
  const [view, setView] = useState<EssayView | null>(null);
  const [parts, setParts] = useState<EssayParts | null>(null);
  const [accidents, setAccidents] = useState<string[]>([]);
  const [restored, setRestored] = useState(false);
  const [history, setHistory] = useState<Output<'essay.history'> | null>(null);
  const [peek, setPeek] = useState<Output<'essay.history'>[number] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = bufferKey(me, campaign.id);
  // a closed campaign is read-only: its essay is shown, never saved again
  const editable = view !== null && !campaign.closedAt && (view.status === 'not_started' || view.status === 'draft' || view.status === 'returned');
  const draft = useDraft<Omit<Unsaved, 'at'>>({
    key,
    active: editable,
    everyMs: AUTOSAVE_MS,
    initialSavedAt: null,
    onError: setError,
    send: async (v, closing) => {
      const input = { campaignId: campaign.id, ...v };
      const r = closing ? await callWhileClosing('essay.save', input) : await api['essay.save'](input);
      setRestored(false);
      return r;
    },
  });

  useEffect(() => {
    api['essay.get']({ campaignId: campaign.id }).then((v) => {
      setView(v);
      draft.setSavedAt(v.savedAt);
      // text typed while the server could not be reached comes back (and is saved at the next tick)
      const unsaved = readBuffer<Omit<Unsaved, 'at'>>(key);
      const editable = v.status === 'not_started' || v.status === 'draft' || v.status === 'returned';
      if (unsaved && editable && !campaign.closedAt && (!v.savedAt || unsaved.at > v.savedAt)) {
        setParts({ ...v.parts, ...unsaved.parts });
        setAccidents(unsaved.accidents);
        draft.restored({ parts: { ...v.parts, ...unsaved.parts }, accidents: unsaved.accidents });
        setRestored(true);
      } else {
        // a closed campaign's essay is shown as saved; text kept on this PC stays for a reopening
        if (!campaign.closedAt) localStorage.removeItem(key);
        setParts(v.parts);
        setAccidents(v.accidents);
      }
    }, setError);
    // loaded once per campaign: `draft` is a new object at each render (its methods act on refs)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaign.id, key]);

  function change(next: { parts?: EssayParts; accidents?: string[] }) {
    const p = next.parts ?? parts!;
    const a = next.accidents ?? accidents;
    if (next.parts) setParts(p);
    if (next.accidents) setAccidents(a);
    draft.changed({ parts: p, accidents: a });
  }

  if (!view || !parts) return error ? <ErrorNote error={error} /> : <p className="muted">{t('common.loading')}</p>;
  const shown = partsFor(view.leader);
  const counts = countEssay(view.leader ? parts : { ...parts, leadership: '' });
  const enough = counts.total >= view.minChars;
  const needAccident = view.accidentChoices.length > 0 && accidents.length === 0;

  async function submit() {
    if (!parts || !(await ask({ title: t('essay.confirmTitle'), lines: [t('essay.confirmSubmit'), t('essay.confirmNext')], confirm: t('essay.submitNow') }))) return;
    setError(null);
    try {
      const v = await api['essay.submit']({ campaignId: campaign.id, parts, accidents });
      draft.done();
      setView(v);
      setParts(v.parts);
      setHistory(null);
    } catch (e) {
      setError(e);
    }
  }
  async function toggleHistory() {
    if (history) return setHistory(null);
    try {
      setHistory(await api['essay.history']({ campaignId: campaign.id }));
    } catch (e) {
      setError(e);
    }
  }
  const paste = (k: EssayPart, e: React.ClipboardEvent<HTMLTextAreaElement>) => pasteCleaned(e, (text) => change({ parts: { ...parts!, [k]: text } }));
  const lastReview = view.reviews[view.reviews.length - 1];
  const returned = view.status === 'returned' && lastReview?.decision === 'return' ? lastReview : null;
  const exportAs = (format: 'pdf' | 'docx') => api['essay.export']({ campaignId: campaign.id, format }).then((x) => downloadBase64(x.fileName, x.base64), setError);
  return (
    <div className="stack">
      {dialog}
      <section className="card">
        <div className="row-between">
          <h1>{t('essay.title')}</h1>
          <span className={`status status-${view.status}`} data-testid="essay-status">
            {t(`essay.status.${view.status}`)}
          </span>
        </div>
        <p className="muted">
          {t('essay.intro')} {t('essay.deadline')}
          <Day day={view.deadline} due />
        </p>
        {view.leader && <p className="notice">{t('essay.leaderNote')}</p>}
        {restored && (
          <p className="notice" data-testid="essay-restored">
            {t('essay.restored')}
          </p>
        )}
        {returned && (
          <div className="notice-box pad" data-testid="return-comment">
            <strong>{t('essay.returnedTitle', { at: localDateTime(returned.at) })}</strong>
            {returned.comment && <p>{returned.comment}</p>}
          </div>
        )}
        {view.accidentChoices.length > 0 && (
          <fieldset className="accidents">
            <legend>{t('essay.chooseAccidents')}</legend>
            {view.accidentChoices.map((a) => (
              <label key={a} className={accidents.includes(a) ? 'option checked' : 'option'}>
                <input
                  type="checkbox"
                  disabled={!editable}
                  checked={accidents.includes(a)}
                  onChange={(e) => change({ accidents: e.target.checked ? [...accidents, a] : accidents.filter((x) => x !== a) })}
                />
                <span>{a}</span>
              </label>
            ))}
          </fieldset>
        )}
      </section>
      {shown.map((k) => {
        const remarks = returned?.partComments.filter((c) => c.part === k) ?? [];
        return (
          <section className="card" key={k}>
            <label className="essay-part">
              <span className="part-title">{t(`essay.parts.${k}.title`)}</span>
              <span className="muted small">{t(`essay.parts.${k}.prompt`)}</span>
              {remarks.map((r, i) => (
                <span key={i} className="part-remark" data-testid="part-remark">
                  {r.quote && <q>{r.quote}</q>} {r.comment}
                </span>
              ))}
              <textarea data-part={k} rows={7} value={parts[k]} readOnly={!editable} onPaste={(e) => paste(k, e)} onChange={(e) => change({ parts: { ...parts, [k]: e.target.value } })} />
            </label>
            <div className="muted small right">{t('essay.partCount', { n: counts.perPart[k] })}</div>
          </section>
        );
      })}
      <section className="card">
        <div className="row">
          <button type="button" className="secondary" onClick={() => void toggleHistory()} aria-expanded={!!history}>
            {t('essay.history')}
          </button>
          {(view.version > 0 || draft.savedAt) && (
            <>
              <button type="button" className="secondary" onClick={() => void exportAs('pdf')}>
                {t('essay.exportPdf')}
              </button>
              <button type="button" className="secondary" onClick={() => void exportAs('docx')}>
                {t('essay.exportDocx')}
              </button>
            </>
          )}
        </div>
        {history && (
          <ol className="history" data-testid="essay-history">
            {history.map((h) => (
              <li key={`${h.at}-${h.submitted ?? 'd'}`}>
                <button type="button" className="link" onClick={() => setPeek(peek?.at === h.at ? null : h)}>
                  {localDateTime(h.at)} · {t('essay.historyCount', { n: h.total })}
                  {h.submitted !== null && ` · ${t('essay.historySubmitted', { version: h.submitted })}`}
                </button>
                {peek?.at === h.at && (
                  <div className="peek">
                    {partsFor(view.leader).map((k) => (
                      <p key={k}>
                        <strong>{t(`essay.parts.${k}.title`)}</strong>
                        <br />
                        {h.parts[k]}
                      </p>
                    ))}
                    {editable && (
                      <button type="button" className="secondary" onClick={() => change({ parts: h.parts, accidents: h.accidents })}>
                        {t('essay.restore')}
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="card form-actions row-between">
        <span className={enough ? 'ok' : 'notice'} data-testid="essay-count">
          {t('essay.total', { n: counts.total, min: view.minChars })}
        </span>
        <span className={draft.offline ? 'notice' : 'muted'} data-testid="essay-saved">
          {draft.offline ? t('essay.offline') : draft.savedAt ? t('essay.savedAt', { time: localTime(draft.savedAt) }) : t('essay.notSaved')}
        </span>
        <ErrorNote error={error} />
        {editable && (
          <button type="button" className="primary big" disabled={!enough || needAccident} title={needAccident ? t('essay.needAccident') : undefined} onClick={() => void submit()}>
            {t('essay.submit')}
          </button>
        )}
      </section>
    </div>
  );
}
