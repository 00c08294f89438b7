// Two sections of the 一人一档 of their own: the 三级安全教育卡 (each level, its 学时, the date, what
// was taught and who signed, with a line for the signature on the printed card) and 年度学时 (per
// calendar year the hours counted across all campaigns against what the year asks). Also which
// events a file limited to one year shows. Pure, so that it runs in the PDF workers too.
import type { Content } from 'pdfmake/interfaces';
import { INDUCTION_LEVEL_NAMES, type Campaign } from '../../../core/model';
import { toHours } from '../../../core/study-time';
import type { PersonEvent } from '../../../records/events';
import { inductionLevels, inductionSignOffs, type LevelStanding } from '../../../records/induction';
import type { PersonRecord } from './record';

/** One level of a person's card: its name, the campaign's 学时 for it and the sign-off, if entered. */
export type CardLevel = LevelStanding & { name: string };

/** The 三级安全教育 campaigns of the file, each with its three levels. */
export function inductionCards(r: Pick<PersonRecord, 'campaigns' | 'events'>, campaigns: readonly Campaign[]): { campaignId: string; name: string; levels: CardLevel[] }[] {
  const signed = inductionSignOffs(r);
  const out: { campaignId: string; name: string; levels: CardLevel[] }[] = [];
  for (const cr of r.campaigns) {
    const full = campaigns.find((c) => c.id === cr.campaign.id);
    if (full?.kind !== 'induction') continue;
    out.push({
      campaignId: cr.campaign.id,
      name: cr.campaign.name,
      levels: inductionLevels(signed, full).map((l) => ({ ...l, name: INDUCTION_LEVEL_NAMES[l.level] })),
    });
  }
  return out;
}

/** The local date of an event (a collective session or a level: the day it was held). */
function eventDay(e: PersonEvent, utcOffsetMinutes: number): string {
  if (e.type === 'collective.attended' || e.type === 'induction.signed') return e.data.date;
  const t = e.type === 'study.session' ? e.data.startedAt : e.at;
  return new Date(Date.parse(t) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * The events the file shows: all of them, or those of its year. The record keeps its whole chain
 * either way (it is what proves the file); only what is printed and listed is limited.
 */
export function shownEvents(r: Pick<PersonRecord, 'events' | 'year' | 'utcOffsetMinutes'>): PersonEvent[] {
  if (!r.year) return r.events;
  return r.events.filter((e) => eventDay(e, r.utcOffsetMinutes).startsWith(`${r.year}-`));
}

/** Whether a date (YYYY-MM-DD) is one the file shows. */
export const dayShown = (r: Pick<PersonRecord, 'year'>, date: string) => !r.year || date.startsWith(`${r.year}-`);

const SIGN_LINE = '签字：______________';

/** 三级安全教育卡, one per induction campaign of the file. */
export function inductionSection(r: PersonRecord, campaigns: readonly Campaign[]): Content[] {
  const cards = inductionCards(r, campaigns);
  if (cards.length === 0) return [];
  const c: Content[] = [{ text: '三级安全教育卡', style: 'h1' }];
  for (const card of cards) {
    c.push({ text: `${card.name}（${r.person.name}，${r.person.employeeNo}，${r.person.dept}${r.person.team ? ` ${r.person.team}` : ''}，${r.person.post || '—'}）`, margin: [0, 0, 0, 2] });
    c.push({
      table: {
        headerRows: 1,
        widths: [42, 30, 58, '*', 120],
        dontBreakRows: true,
        body: [
          ['级别', '学时', '完成日期', '教育内容', '负责人签字'].map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })),
          ...card.levels.map((l) => [
            l.name,
            String(l.hours),
            l.signed?.date ?? '—',
            l.signed ? l.signed.content || '—' : '未登记',
            l.signed ? { text: `${l.signed.signerName}（${l.signed.signerPost || l.signed.signer}）\n\n${SIGN_LINE}` } : { text: `\n\n${SIGN_LINE}` },
          ]),
        ],
      },
      margin: [0, 2, 0, 4],
    } as Content);
    const done = card.levels.filter((l) => l.signed);
    c.push({
      text: `已完成 ${done.length} / 3 级，合计 ${done.reduce((n, l) => n + l.hours, 0)} 学时。各级由负责人在纸质卡上签字，本档案记录签字人和登记人。`,
      fontSize: 9,
      margin: [0, 0, 0, 6],
    });
    c.push({ text: '受教育人签字：________________    日期：______年____月____日', margin: [0, 4, 0, 8] });
  }
  return c;
}

/** 年度学时: per calendar year the hours counted across all campaigns against the year's requirement. */
export function yearsSection(r: PersonRecord): Content[] {
  const c: Content[] = [{ text: '年度学时', style: 'h1' }];
  if (r.years.length === 0) {
    c.push({ text: r.year ? `${r.year} 年无计入学时的记录。` : '无计入学时的记录。' });
    return c;
  }
  c.push({
    table: {
      headerRows: 1,
      widths: [45, 60, 50, 60, '*', 60],
      body: [
        ['年度', '学习小时', '学时', '要求学时', '要求依据', '是否达到'].map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })),
        ...r.years.map((y) => [
          y.year,
          toHours(y.ms),
          String(y.creditHours),
          String(y.requiredCreditHours),
          y.basis === 'initial' ? '岗前培训' : '年度再培训',
          y.creditHours >= y.requiredCreditHours ? '已达到' : '未达到',
        ]),
      ],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 4],
  } as Content);
  c.push({
    text: `要求学时按人员类别（${r.person.category}）：当年有三级安全教育的按岗前培训，其余年度按年度再培训。学时按每学时 ${r.minutesPerCreditHour} 分钟折算；一段学习同时计入几个培训计划时，在年度中只计一次。要求学时为本单位设置的人员类别学时，以正式文本为准。`,
    fontSize: 9,
    margin: [0, 0, 0, 8],
  });
  return c;
}
