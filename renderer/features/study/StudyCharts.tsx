import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../electron/shared/api';
import { EChart } from '../../components/EChart';
import { creditHours } from '../shell/format';

function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`) && out.length < 400; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** 学时 per day over the campaign: a bar chart and a calendar heatmap. */
export function StudyCharts({ campaign, byDay, minutesPerCreditHour }: { campaign: CampaignSummary; byDay: Record<string, number>; minutesPerCreditHour: number }) {
  const { t } = useTranslation();
  const days = useMemo(() => {
    const all = daysBetween(campaign.start, campaign.end);
    const extra = Object.keys(byDay).filter((d) => !all.includes(d));
    return [...all, ...extra].sort();
  }, [campaign.start, campaign.end, byDay]);
  const values = days.map((d) => creditHours(byDay[d] ?? 0, minutesPerCreditHour));
  const bar = useMemo(
    () => ({
      grid: { left: 40, right: 12, top: 16, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map((d) => d.slice(5)), axisLabel: { fontSize: 12 } },
      yAxis: { type: 'value', name: t('charts.creditHours'), minInterval: 0.5 },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#0b5cad' } }],
    }),
    [days, values, t],
  );
  const heat = useMemo(
    () => ({
      tooltip: {},
      visualMap: { min: 0, max: Math.max(1, ...values), show: false, inRange: { color: ['#eef3f8', '#0b5cad'] } },
      calendar: { range: [days[0], days[days.length - 1]], cellSize: [20, 20], left: 40, right: 12, top: 30, yearLabel: { show: false }, dayLabel: { firstDay: 1, nameMap: 'ZH' }, monthLabel: { nameMap: 'ZH' } },
      series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: days.map((d, i) => [d, values[i]]) }],
    }),
    [days, values],
  );
  return (
    <div className="stack">
      <EChart option={bar} height={220} label={t('charts.perDay')} />
      <EChart option={heat} height={190} label={t('charts.calendar')} />
    </div>
  );
}
