import { useEffect, useState } from 'react';
import { PhaseFlag, DayInput } from '../shell/Dates';
import { useTranslation } from 'react-i18next';
import type { CampaignInput } from '../../../electron/core/model';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { CategoryNumbers } from '../../components/CategoryNumbers';
import { PaperEditor } from './PaperEditor';
import { ParticipantsEditor } from './ParticipantsEditor';
import { InductionHours } from './InductionHours';
import { TemplateChooser } from './TemplateChooser';
import { hrefOf } from '../shell/route';

/** Campaign setup: from a template of the chosen kind and start, the officer only adjusts. */
export function CampaignPage({ campaignId, onSaved }: { campaignId: string | null; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<CampaignInput | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const docs = useLoad(() => api['corpus.list']({}), []);
  const bank = useLoad(() => api['bank.list']({}), []);

  useEffect(() => {
    if (campaignId) api['campaign.get']({ campaignId }).then((c) => setForm(c), setError);
  }, [campaignId]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!form) return;
    setError(null);
    try {
      const c = await api['campaign.save'](form);
      setForm(c);
      setSaved(true);
      onSaved(c.id);
    } catch (err) {
      setError(err);
    }
  }
  // a campaign being opened shows nothing until it comes; a new one starts from the chooser
  if (!form) return campaignId && !error ? null : <TemplateChooser error={error} onChosen={setForm} />;
  const set = <K extends keyof CampaignInput>(k: K, v: CampaignInput[K]) => {
    setSaved(false);
    setForm({ ...form, [k]: v });
  };
  const docChecked = new Map(form.documents.map((d) => [d.docId, d.minutes]));
  return (
    <form className="stack" onSubmit={save}>
      <section className="card grid2">
        <div className="span2 row-between">
          <h1>
            {t('campaign.title')} <span className="tag">{t(`campaigns.kind.${form.kind ?? 'warning'}`)}</span>
          </h1>
          {campaignId && (
            <a className="button" href={hrefOf('campaign', 'new')}>
              {t('campaignTemplate.new')}
            </a>
          )}
        </div>
        <label className="span2">
          {t('campaign.name')}
          <input required value={form.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label>
          {t('campaign.start')}
          <DayInput required value={form.start} onChange={(e) => set('start', e.target.value)} />
        </label>
        <label>
          {t('campaign.end')}
          <DayInput required value={form.end} onChange={(e) => set('end', e.target.value)} />
        </label>
        <label>
          {t('campaign.studyStart')}
          <DayInput required value={form.studyStart} onChange={(e) => set('studyStart', e.target.value)} />
        </label>
        <label>
          {t('campaign.studyEnd')}
          <DayInput required value={form.studyEnd} onChange={(e) => set('studyEnd', e.target.value)} />
        </label>
        <label>
          {t('campaign.target')}
          <input type="number" min={0} step={0.1} required value={form.targetCreditHours} onChange={(e) => set('targetCreditHours', Number(e.target.value))} />
        </label>
        <CategoryNumbers
          legend={t('campaign.targetByCategory')}
          common={form.targetCreditHours}
          step={0.1}
          value={form.targetByCategory}
          onChange={(next) => set('targetByCategory', next)}
          testId="target-by-category"
        />
      </section>
      <ParticipantsEditor value={form.participants ?? { kind: 'all' }} end={form.end} onChange={(p) => set('participants', p)} />
      {form.kind === 'induction' && <InductionHours value={form.induction?.levels} target={form.targetCreditHours} onChange={(levels) => set('induction', { levels })} />}
      <section className="card">
        <h2>{t('campaign.phases')}</h2>
        <table className="table phases-table">
          <thead>
            <tr>
              <th>{t('campaign.phaseName')}</th>
              <th>{t('campaign.start')}</th>
              <th>{t('campaign.end')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {form.phases.map((p, i) => (
              <tr key={i}>
                <td className="grow-cell">
                  <input
                    className="wide"
                    aria-label={t('campaign.phaseName')}
                    value={p.name}
                    onChange={(e) =>
                      set(
                        'phases',
                        form.phases.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                      )
                    }
                  />
                </td>
                <td>
                  <DayInput
                    aria-label={t('campaign.start')}
                    value={p.start}
                    onChange={(e) =>
                      set(
                        'phases',
                        form.phases.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)),
                      )
                    }
                  />
                </td>
                <td>
                  <DayInput
                    aria-label={t('campaign.end')}
                    value={p.end}
                    onChange={(e) =>
                      set(
                        'phases',
                        form.phases.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)),
                      )
                    }
                  />
                </td>
                <td className="nowrap">{p.start && p.end && <PhaseFlag start={p.start} end={p.end} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t('campaign.documents')}</h2>
        {docs.data?.map((d) => (
          <div key={d.id} className="row">
            <label className="option grow">
              <input
                type="checkbox"
                checked={docChecked.has(d.id)}
                onChange={(e) => set('documents', e.target.checked ? [...form.documents, { docId: d.id, minutes: d.suggestedMinutes }] : form.documents.filter((x) => x.docId !== d.id))}
              />
              <span>
                {d.title} <span className="muted small">{d.docNo}</span>
              </span>
            </label>
            {docChecked.has(d.id) && (
              <label className="inline">
                {t('campaign.minutes')}
                <input
                  type="number"
                  min={0}
                  className="narrow"
                  value={docChecked.get(d.id)}
                  onChange={(e) =>
                    set(
                      'documents',
                      form.documents.map((x) => (x.docId === d.id ? { ...x, minutes: Number(e.target.value) } : x)),
                    )
                  }
                />
              </label>
            )}
          </div>
        ))}
      </section>
      <section className="card grid2">
        <h2 className="span2">{t('campaign.quiz')}</h2>
        <label>
          {t('campaign.timeLimit')}
          <input type="number" min={1} value={form.quiz.timeLimitMinutes} onChange={(e) => set('quiz', { ...form.quiz, timeLimitMinutes: Number(e.target.value) })} />
        </label>
        <label>
          {t('campaign.passMark')}
          <input type="number" min={0} max={100} value={form.quiz.passMark} onChange={(e) => set('quiz', { ...form.quiz, passMark: Number(e.target.value) })} />
        </label>
        <label>
          {t('campaign.maxAttempts')}
          <input type="number" min={1} max={10} value={form.quiz.maxAttempts} onChange={(e) => set('quiz', { ...form.quiz, maxAttempts: Number(e.target.value) })} />
        </label>
        <label>
          {t('campaign.maxLeaves')}
          <input type="number" min={0} max={50} value={form.quiz.maxLeaves ?? 0} onChange={(e) => set('quiz', { ...form.quiz, maxLeaves: Number(e.target.value) })} />
        </label>
        <label>
          {t('campaign.showAnswers')}
          <select value={form.quiz.showAnswers ?? 'after_submit'} onChange={(e) => set('quiz', { ...form.quiz, showAnswers: e.target.value as 'never' | 'after_submit' | 'after_end' })}>
            {(['after_submit', 'after_end', 'never'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`campaign.show.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {(['shuffleQuestions', 'shuffleOptions', 'partialCredit', 'anonymousGrading'] as const).map((k) => (
          <label key={k} className="option">
            <input type="checkbox" checked={!!form.quiz[k]} onChange={(e) => set('quiz', { ...form.quiz, [k]: e.target.checked })} />
            <span>{t(`campaign.${k}`)}</span>
          </label>
        ))}
        <PaperEditor quiz={form.quiz} bank={bank.data ?? []} docs={docs.data ?? []} onChange={(quiz) => set('quiz', quiz)} />
      </section>
      <section className="card grid2">
        <h2 className="span2">{t('campaign.essay')}</h2>
        <label>
          {t('campaign.minChars')}
          <input type="number" min={0} value={form.essay.minChars} onChange={(e) => set('essay', { ...form.essay, minChars: Number(e.target.value) })} />
        </label>
        <CategoryNumbers
          legend={t('campaign.minCharsByCategory')}
          common={form.essay.minChars}
          value={form.essay.minCharsByCategory}
          onChange={(next) => set('essay', { ...form.essay, minCharsByCategory: next })}
        />
        <label>
          {t('campaign.essayDeadline')}
          <DayInput value={form.essay.deadline} onChange={(e) => set('essay', { ...form.essay, deadline: e.target.value })} />
        </label>
        <label className="span2">
          {t('campaign.accidents')}
          <textarea
            rows={3}
            defaultValue={form.accidents.join('\n')}
            onChange={(e) =>
              set(
                'accidents',
                e.target.value
                  .split('\n')
                  .map((x) => x.trim())
                  .filter(Boolean),
              )
            }
          />
        </label>
      </section>
      <section className="card form-actions row-between">
        <ErrorNote error={error} />
        {saved && <span className="ok">{t('campaign.saved')}</span>}
        <button type="submit" className="primary big">
          {t('campaign.save')}
        </button>
      </section>
    </form>
  );
}
