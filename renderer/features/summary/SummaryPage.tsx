import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary, SummaryView } from '../../../electron/shared/api';
import { api, downloadBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localTime } from '../shell/format';
import { TableHead } from '../../components/TableHead';

const SECTIONS = ['overview', 'measures', 'problems', 'next'] as const;

/**
 * The 总结报告 to the bureau: the figures the app knows (from the ledgers, read-only here), the four
 * sections the officer writes, and the draft as .docx (to edit in Word) or PDF.
 */
export function SummaryPage({ campaign, canEdit }: { campaign: CampaignSummary; canEdit: boolean }) {
  const { t } = useTranslation();
  const [v, setV] = useState<SummaryView | null>(null);
  const [sections, setSections] = useState<SummaryView['sections'] | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api['summary.get']({ campaignId: campaign.id }).then((x) => {
      setV(x);
      setSections(x.sections);
      setSavedAt(x.savedAt);
    }, setError);
  }, [campaign.id]);
  if (!v || !sections) return error ? <ErrorNote error={error} /> : <p className="muted">{t('common.loading')}</p>;
  const f = v.figures;
  async function save() {
    setError(null);
    try {
      setSavedAt((await api['summary.save']({ campaignId: campaign.id, sections: sections! })).savedAt);
    } catch (e) {
      setError(e);
    }
  }
  async function download(format: 'docx' | 'pdf') {
    setError(null);
    try {
      if (canEdit) await save();
      const x = await api['summary.export']({ campaignId: campaign.id, format });
      downloadBase64(x.fileName, x.base64);
    } catch (e) {
      setError(e);
    }
  }
  const stat = (label: string, value: string | number, testId?: string) => (
    <div className="fig" data-testid={testId}>
      <div className="stat-label">{label}</div>
      <div className="fig-value">{value}</div>
    </div>
  );
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <h1>{t('summary.title')}</h1>
          <div className="row">
            <button type="button" className="primary" onClick={() => void download('docx')}>
              {t('summary.docx')}
            </button>
            <button type="button" className="secondary" onClick={() => void download('pdf')}>
              {t('summary.pdf')}
            </button>
          </div>
        </div>
        <p className="muted">{t('summary.intro')}</p>
        <div className="fig-grid" data-testid="summary-figures">
          {stat(t('summary.people'), t('summary.peopleValue', { n: f.people.participants, of: f.people.roster, rate: f.people.rate }), 'fig-people')}
          {stat(t('summary.collective'), t('summary.collectiveValue', { n: f.collective.sessions, times: f.collective.attendances }))}
          {stat(t('summary.discussions'), t('summary.discussionsValue', { n: f.discussions.held, speakers: f.discussions.speakers }), 'fig-discussions')}
          {stat(t('summary.quiz'), t('summary.quizValue', { passed: f.quiz.passed, took: f.quiz.took, rate: f.quiz.passRate }), 'fig-quiz')}
          {stat(t('summary.essays'), t('summary.essaysValue', { submitted: f.essays.submitted, accepted: f.essays.accepted }))}
          {stat(t('summary.reports'), t('summary.reportsValue', { submitted: f.reports.reduce((a, r) => a + r.submitted, 0), of: f.reports.reduce((a, r) => a + r.people, 0) }))}
          {stat(t('summary.findings'), t('summary.findingsValue', { n: f.findings.total, closed: f.findings.closed, overdue: f.findings.overdue }), 'fig-findings')}
        </div>
        <table className="table">
          <TableHead cols={[t('people.category'), t('summary.headcount'), t('summary.target'), t('summary.totalHours'), t('summary.avgHours'), t('summary.reachedTarget')]} />
          <tbody>
            {f.byCategory.map((c) => (
              <tr key={c.category}>
                <td>{c.category}</td>
                <td>{c.people}</td>
                <td>{c.targetCreditHours}</td>
                <td>{c.totalCreditHours}</td>
                <td>{c.averageCreditHours}</td>
                <td>{c.reached}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t('summary.sources')}</p>
      </section>
      {SECTIONS.map((k) => (
        <section className="card" key={k}>
          <label className="essay-part">
            <span className="part-title">{t(`summary.sections.${k}.title`)}</span>
            <span className="muted small">{t(`summary.sections.${k}.prompt`)}</span>
            <textarea data-section={k} rows={5} value={sections[k]} readOnly={!canEdit} onChange={(e) => setSections({ ...sections, [k]: e.target.value })} />
          </label>
        </section>
      ))}
      <section className="card form-actions row-between">
        <span className="muted" data-testid="summary-saved">
          {savedAt ? t('essay.savedAt', { time: localTime(savedAt) }) : t('essay.notSaved')}
        </span>
        <ErrorNote error={error} />
        {canEdit && (
          <button type="button" className="primary big" onClick={() => void save()}>
            {t('summary.save')}
          </button>
        )}
      </section>
    </div>
  );
}
