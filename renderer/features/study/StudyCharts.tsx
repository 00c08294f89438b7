import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../electron/shared/api';
import { EChart } from '../../components/EChart';
import { creditHours, todayIso } from '../shell/format';

function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`) && out.length < 400; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** 学时 per day over the campaign: a bar chart and a calendar heatmap. */
export function StudyCharts({ campaign, byDay, minutesPerCreditHour }: { campaign: CampaignSummary; byDay: Record<string, number>; minutesPerCreditHour: number }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const days = useMemo(() => {
    // the campaign's days up to today (the days still to come hold nothing to read)
    const today = todayIso();
    const last = campaign.end < today ? campaign.end : today < campaign.start ? campaign.start : today;
    const all = daysBetween(campaign.start, last);
    const extra = Object.keys(byDay).filter((d) => !all.includes(d));
    return [...all, ...extra].sort();
  }, [campaign.start, campaign.end, byDay]);
  const values = days.map((d) => creditHours(byDay[d] ?? 0, minutesPerCreditHour));
  const bar = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 40, bottom: 52 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: days.map((d) => `${Number(d.slice(5, 7))}/${Number(d.slice(8))}`),
        name: t('charts.day'),
        nameLocation: 'middle',
        nameGap: 32,
        nameTextStyle: { fontSize: 14 },
        axisLabel: { fontSize: 13 },
      },
      yAxis: { type: 'value', name: t('charts.creditHours'), nameTextStyle: { fontSize: 14 }, minInterval: 0.5, axisLabel: { fontSize: 13 } },
      // each day's figure written on its bar: readable even with few days of study
      series: [
        {
          type: 'bar',
          data: values,
          barMaxWidth: 36,
          itemStyle: { color: '#0b5cad' },
          label: { show: true, position: 'top', fontSize: 13, formatter: (x: { value: number }) => (x.value > 0 ? String(x.value) : '') },
        },
      ],
    }),
    [days, values, t],
  );
  const heat = useMemo(
    () => ({
      tooltip: {},
      visualMap: { min: 0, max: Math.max(1, ...values), show: false, inRange: { color: ['#eef3f8', '#0b5cad'] } },
      calendar: {
        range: [days[0], days[days.length - 1]],
        cellSize: [20, 20],
        left: 40,
        right: 12,
        top: 30,
        yearLabel: { show: false },
        dayLabel: { firstDay: 1, nameMap: en ? 'EN' : 'ZH' },
        monthLabel: { nameMap: en ? 'EN' : 'ZH' },
      },
      series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: days.map((d, i) => [d, values[i]]) }],
    }),
    [days, values, en],
  );
  if (values.every((v) => v === 0)) return <p className="muted">{t('charts.noStudyYet')}</p>;
  return (
    <div className="stack">
      <EChart option={bar} height={220} label={t('charts.perDay')} />
      <EChart option={heat} height={190} label={t('charts.calendar')} />
    </div>
  );
}
