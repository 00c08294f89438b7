import { useState } from 'react';
import { DayInput } from '../shell/Dates';
import { dayText } from '../shell/format';
import { useTranslation } from 'react-i18next';
import { COLLECTIVE_TYPES, type CollectiveInput } from '../../../electron/core/model';
import type { CampaignSummary, CollectiveView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { AttendancePanel } from './AttendancePanel';
import { MinutesPanel } from './MinutesPanel';
import { isDiscussion } from '../../../electron/core/discussion';

/** 集中学习活动: record the warning-education sessions and who attended; a closed campaign's are only shown. */
export function SessionsPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const readOnly = !!campaign.closedAt;
  const sessions = useLoad(() => api['collective.list']({ campaignId: campaign.id }), [campaign.id]);
  const [form, setForm] = useState<CollectiveInput>({ campaignId: campaign.id, type: 'film', topic: '', date: campaign.studyStart, start: '09:00', durationMinutes: 60, place: '', host: '' });
  const [open, setOpen] = useState<string | null>(null);
  const [minutesOf, setMinutesOf] = useState<string | null>(null);
  // the case library (案例宣讲, 分组研讨): choosing a case fills the topic, nothing to type
  const docs = useLoad(() => api['corpus.list']({}), []);
  const cases = (docs.data ?? []).filter((d) => d.case);
  const withCase = form.type === 'lecture' || form.type === 'group' || form.type === 'seminar';
  const [error, setError] = useState<unknown>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const v = await api['collective.save'](form);
      setForm({ ...form, topic: '', caseId: undefined });
      setOpen(v.id);
      sessions.reload();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="stack">
      {readOnly ? (
        <section className="card">
          <h1>{t('sessions.title')}</h1>
        </section>
      ) : (
        <form className="card grid2" onSubmit={save} data-testid="session-form">
          <h1 className="span2">{t('sessions.title')}</h1>
          <label>
            {t('sessions.type')}
            <select value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as CollectiveInput['type'], caseId: undefined })}>
              {COLLECTIVE_TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`sessions.types.${x}`)}
                </option>
              ))}
            </select>
          </label>
          {withCase && (
            <label className="span2">
              {t('sessions.case')}
              <select
                data-testid="session-case"
                value={form.caseId ?? ''}
                onChange={(e) => {
                  const c = cases.find((d) => d.id === e.target.value);
                  setForm({ ...form, caseId: c?.id, topic: c ? c.title : form.topic });
                }}
              >
                <option value="">{t('sessions.noCase')}</option>
                {cases.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.case!.date.slice(0, 4)} {c.title}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('sessions.topic')}
            <input required value={form.topic} onChange={(e) => setForm({ ...form, topic: e.target.value })} />
          </label>
          <label>
            {t('sessions.date')}
            <DayInput required value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />
          </label>
          <label>
            {t('sessions.start')}
            <input type="time" required value={form.start} onChange={(e) => setForm({ ...form, start: e.target.value })} />
          </label>
          <label>
            {t('sessions.duration')}
            <input type="number" min={5} max={600} required value={form.durationMinutes} onChange={(e) => setForm({ ...form, durationMinutes: Number(e.target.value) })} />
          </label>
          <label>
            {t('sessions.place')}
            <input value={form.place} onChange={(e) => setForm({ ...form, place: e.target.value })} />
          </label>
          <label>
            {t('sessions.host')}
            <input value={form.host} onChange={(e) => setForm({ ...form, host: e.target.value })} />
          </label>
          <div className="row span2">
            <button type="submit" className="primary">
              {t('sessions.add')}
            </button>
            <ErrorNote error={error} />
          </div>
        </form>
      )}
      <ErrorNote error={sessions.error} />
      {(sessions.data ?? []).map((v: CollectiveView) => (
        <section className="card" key={v.id}>
          <div className="row-between">
            <div>
              <h2>
                {t(`sessions.types.${v.type}`)}：{v.topic}
              </h2>
              {v.case && (
                <div data-testid="session-case-card">
                  <a href={`#/read/${encodeURIComponent(v.case.id)}/case`}>{t('sessions.readCase')}</a>
                  {(v.type === 'group' || v.type === 'seminar') && (
                    <>
                      <p>
                        <strong>{t('sessions.prompts')}</strong>
                      </p>
                      <ol>
                        {v.case.prompts.map((x, i) => (
                          <li key={i}>{x}</li>
                        ))}
                      </ol>
                    </>
                  )}
                </div>
              )}
              <p className="muted">{t('sessions.line', { date: dayText(v.date), start: v.start, n: v.durationMinutes, place: v.place || '—', host: v.host || '—', count: v.attendees.length })}</p>
            </div>
            <div className="row">
              <button type="button" className="secondary" onClick={() => setOpen(open === v.id ? null : v.id)} data-testid="session-attendance">
                {open === v.id ? t('sessions.close') : readOnly ? t('sessions.attendees') : t('sessions.attendance')}
              </button>
              {isDiscussion(v.type) && (!readOnly || v.minutes) && (
                <button type="button" className={minutesOf === v.id ? 'secondary' : 'primary'} onClick={() => setMinutesOf(minutesOf === v.id ? null : v.id)} data-testid="session-minutes">
                  {minutesOf === v.id ? t('sessions.close') : v.minutes ? t('minutes.open') : t('minutes.start')}
                </button>
              )}
            </div>
          </div>
          {isDiscussion(v.type) && minutesOf !== v.id && v.minutes && <p className="muted small">{t('minutes.kept', { speakers: v.minutes.speakers.length })}</p>}
          {open === v.id && <AttendancePanel session={v} onChange={sessions.reload} readOnly={readOnly} />}
          {minutesOf === v.id && <MinutesPanel key={v.id} session={v} onChange={sessions.reload} readOnly={readOnly} />}
        </section>
      ))}
    </div>
  );
}
