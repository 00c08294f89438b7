import { useMemo, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary, QuizStatsView } from '../../../electron/shared/api';
import { EChart } from '../../components/EChart';
import { PersonHeadCells } from '../../components/PersonHeadCells';
import { api, downloadBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';

/** 考核结果: the paper's distribution and pass rates, each question's facility and discrimination. */
export function ResultsPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const stats = useLoad(() => api['quiz.stats']({ campaignId: campaign.id }), [campaign.id]);
  const hist = useMemo(
    () => ({
      grid: { left: 56, right: 16, top: 36, bottom: 50 },
      tooltip: {},
      xAxis: {
        type: 'category',
        data: ['0–', '10–', '20–', '30–', '40–', '50–', '60–', '70–', '80–', '90–100'],
        name: t('charts.score'),
        nameLocation: 'middle',
        nameGap: 30,
        nameTextStyle: { fontSize: 14 },
      },
      yAxis: { type: 'value', minInterval: 1, name: t('charts.people'), nameTextStyle: { fontSize: 14 } },
      series: [
        {
          type: 'bar',
          data: stats.data?.paper.histogram ?? [],
          itemStyle: { color: '#0b5cad' },
          label: { show: true, position: 'top', formatter: (x: { value: number }) => (x.value > 0 ? String(x.value) : '') },
        },
      ],
    }),
    [stats.data, t],
  );
  if (stats.error) return <ErrorNote error={stats.error} />;
  if (!stats.data) return <p className="muted">{t('common.loading')}</p>;
  const p = stats.data.paper;
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <h1>{t('results.title')}</h1>
          <button type="button" className="secondary" onClick={() => void api['quiz.scoreSheet']({ campaignId: campaign.id }).then((x) => downloadBase64(x.fileName, x.base64))}>
            {t('results.scoreSheet')}
          </button>
        </div>
        <p data-testid="paper-stats">{p.attempts === 0 ? t('results.none') : t('results.paper', { n: p.attempts, mean: p.mean, median: p.median, pass: p.passRate, mark: campaign.quiz.passMark })}</p>
        {p.attempts > 0 && <GroupTables stats={stats.data} hist={hist} />}
      </section>
      {p.attempts > 0 && <QuestionTable stats={stats.data} />}
      <WeakSpots campaignId={campaign.id} />
      <section className="card">
        <h2>{t('results.people')}</h2>
        <PeopleResults stats={stats.data} />
      </section>
    </div>
  );
}

function GroupTables({ stats, hist }: { stats: QuizStatsView; hist: ComponentProps<typeof EChart>['option'] }) {
  const { t } = useTranslation();
  return (
    <>
      <EChart option={hist} height={220} label={t('results.histogram')} />
      <h2>{t('results.byGroup')}</h2>
      <table className="table" data-testid="pass-by-team">
        <thead>
          <tr>
            <th>{t('people.dept')}</th>
            <th>{t('people.team')}</th>
            <th>{t('results.takers')}</th>
            <th>{t('results.passRate')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.byDept.flatMap((d) => [
            <tr key={d.dept} className="group-row">
              <td>{d.dept}</td>
              <td>{t('results.wholeDept')}</td>
              <td>{d.attempts}</td>
              <td>{d.passRate ?? '—'}%</td>
            </tr>,
            ...stats.byTeam
              .filter((x) => x.dept === d.dept && x.team)
              .map((x) => (
                <tr key={`${d.dept}/${x.team}`}>
                  <td />
                  <td>{x.team}</td>
                  <td>{x.attempts}</td>
                  <td>{x.passRate ?? '—'}%</td>
                </tr>
              )),
          ])}
        </tbody>
      </table>
    </>
  );
}

function QuestionTable({ stats }: { stats: QuizStatsView }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h2>{t('results.questions')}</h2>
      <p className="muted small">{t('results.explain')}</p>
      <table className="table">
        <thead>
          <tr>
            <th>{t('results.question')}</th>
            <th>{t('results.facility')}</th>
            <th>{t('results.discrimination')}</th>
            <th>{t('progress.flags')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.questions.map((q) => (
            <tr key={q.questionId}>
              <td>
                <span className="tag">{t(`quiz.type.${q.type}`)}</span> {q.stem}
              </td>
              <td>{q.facility ?? '—'}</td>
              <td>{q.discrimination ?? '—'}</td>
              <td className="notice">{q.flags.map((f) => t(`results.flag.${f}`)).join('；')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PeopleResults({ stats }: { stats: QuizStatsView }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="results-people">
      <thead>
        <tr>
          <PersonHeadCells />
          <th>{t('results.attempts')}</th>
          <th>{t('results.best')}</th>
          <th>{t('results.result')}</th>
          <th>{t('results.timeTaken')}</th>
        </tr>
      </thead>
      <tbody>
        {stats.people.map((p) => (
          <tr key={p.employeeNo} className={p.best?.passed === false || !p.best ? 'behind' : ''}>
            <td>{p.employeeNo}</td>
            <td>{p.name}</td>
            <td>{p.dept}</td>
            <td>{p.team}</td>
            <td>{p.attempts}</td>
            <td>{p.best ? t('results.bestLine', { score: p.best.score, max: p.best.max, percent: p.best.percent }) : '—'}</td>
            <td>{!p.best ? t('quiz.notTaken') : p.best.passed === null ? t('progress.quizPending') : p.best.passed ? t('quiz.passed') : t('quiz.failed')}</td>
            <td>{p.best ? `${Math.round(p.best.durationMs / 60_000)} ${t('results.minutes')}${p.best.timedOut ? t('results.timedOut') : ''}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where practice goes wrong most: per document and clause, for the officer to cover again. */
function WeakSpots({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const spots = useLoad(() => api['practice.weakSpots']({ campaignId }), [campaignId]);
  if (spots.error) return <ErrorNote error={spots.error} />;
  if (!spots.data) return null;
  const rows = spots.data.filter((w) => w.wrong > 0).slice(0, 30);
  return (
    <section className="card" data-testid="weak-spots">
      <h2>{t('practice.weakTitle')}</h2>
      <p className="muted">{t('practice.weakIntro')}</p>
      {rows.length === 0 ? (
        <p>{t('practice.weakNone')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('practice.weakDoc')}</th>
              <th>{t('practice.weakClause')}</th>
              <th className="num">{t('practice.weakAnswered')}</th>
              <th className="num">{t('practice.weakWrong')}</th>
              <th className="num">{t('practice.weakShare')}</th>
              <th className="num">{t('practice.weakPeople')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((w) => (
              <tr key={`${w.docId}/${w.clause}`}>
                <td>{w.docTitle}</td>
                <td>{w.clause}</td>
                <td className="num">{w.answered}</td>
                <td className="num">{w.wrong}</td>
                <td className="num">{Math.round(w.share * 100)}%</td>
                <td className="num">{w.people}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
