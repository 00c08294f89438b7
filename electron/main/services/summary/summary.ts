// 总结报告: the enterprise's summary report to the bureau, drafted from the campaign's own ledgers.
// Every figure is taken from the call that makes a ledger (学时台账, 签到表, 考核成绩, 剖析材料,
// 述职, 问题台账), so each number can be found again in the archive; the officer writes the prose
// sections in the app. One click gives an editable .docx, or a PDF.
import type { Content } from 'pdfmake/interfaces';
import { HAZARD_LEVELS, INSPECTION_KINDS, INSPECTION_KIND_NAMES, HAZARD_LEVEL_NAMES } from '../../../core/inspection';
import { COLLECTIVE_TYPE_NAMES, PERSON_CATEGORIES, REPORT_LEVEL_NAMES, targetFor, type CollectiveType } from '../../../core/model';
import { localDay } from '../../../core/study-time';
import type { CollectiveView, Input, SummaryFigures, SummaryView } from '../../../shared/api';
import { isDiscussion } from '../../../core/discussion';
import type { Account } from '../../../records/shared-docs';
import { getCampaign } from '../campaign/campaign';
import { listCollective } from '../study/collective';
import { essayOverview } from '../essay/essay-review';
import { listInspections } from '../inspection/inspection';
import { iso, type Ports } from '../ports';
import { progressTable } from '../progress/progress';
import { renderPdf } from '../render/pdf';
import { reportBoard } from '../report/report';

export const SUMMARY_SECTIONS = ['overview', 'measures', 'problems', 'next'] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];
export const SUMMARY_SECTION_TITLES: Record<SummarySection, string> = { overview: '一、基本情况', measures: '二、主要做法和成效', problems: '三、存在的问题和不足', next: '四、下一步工作打算' };

const rate = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 10 : 0);
const round1 = (x: number) => Math.round(x * 10) / 10;

/** 研讨 figures from the sessions' minutes (one computation: the summary page and the report's text). */
function discussionFigures(sessions: readonly CollectiveView[]): SummaryFigures['discussions'] {
  const held = sessions.filter((s) => isDiscussion(s.type) && s.minutes);
  const speeches = held.flatMap((s) => s.minutes!.speakers.map((x) => x.employeeNo));
  return { held: held.length, speakers: new Set(speeches).size, speeches: speeches.length, findings: held.reduce((n, s) => n + s.minutes!.followUps.filter((f) => f.findingId).length, 0) };
}

/** The figures, each from the ledger named beside it. */
export async function summaryFigures(ports: Ports, campaignId: string): Promise<SummaryFigures> {
  const c = await getCampaign(ports, campaignId);
  const rows = await progressTable(ports, { campaignId: c.id });
  const sessions = await listCollective(ports, c.id);
  const essays = await essayOverview(ports, { campaignId: c.id });
  const reports = await reportBoard(ports, { campaignId: c.id });
  const ledger = await listInspections(ports, { campaignId: c.id });
  const took = rows.filter((r) => r.quizPercent !== null);
  const participants = rows.filter((r) => r.studiedMs > 0 || r.quizPercent !== null || r.essayStatus !== 'not_started').length;
  const types = [...new Set(sessions.map((s) => s.type))] as CollectiveType[];
  return {
    campaign: { name: c.name, start: c.start, end: c.end, studyStart: c.studyStart, studyEnd: c.studyEnd, targetCreditHours: c.targetCreditHours },
    people: { roster: rows.length, participants, rate: rate(participants, rows.length) },
    byCategory: PERSON_CATEGORIES.map((category) => {
      const of = rows.filter((r) => r.category === category);
      const total = round1(of.reduce((a, r) => a + r.creditHours, 0));
      return {
        category,
        people: of.length,
        targetCreditHours: targetFor(c, category),
        reached: of.filter((r) => r.creditHours >= r.targetCreditHours).length,
        totalCreditHours: total,
        averageCreditHours: of.length ? round1(total / of.length) : 0,
      };
    }).filter((x) => x.people > 0),
    collective: {
      sessions: sessions.length,
      attendances: sessions.reduce((a, s) => a + s.attendees.length, 0),
      byType: types.map((type) => {
        const of = sessions.filter((s) => s.type === type);
        const att = of.reduce((a, s) => a + s.attendees.length, 0);
        return { type, sessions: of.length, attendances: att, averageRate: rate(att, of.length * rows.length) };
      }),
    },
    discussions: discussionFigures(sessions),
    quiz: {
      took: took.length,
      passed: took.filter((r) => r.quizPassed === true).length,
      pending: took.filter((r) => r.quizPending).length,
      passRate: rate(took.filter((r) => r.quizPassed === true).length, took.length),
    },
    essays: { people: rows.length, submitted: essays.counts.submitted + essays.counts.returned + essays.counts.accepted, accepted: essays.counts.accepted },
    reports: reports.levels.map((l) => {
      const of = reports.rows.filter((r) => r.level === l.level);
      const scored = of.filter((r) => r.score !== null);
      return {
        level: l.level,
        people: l.total,
        submitted: l.counts.submitted + l.counts.returned + l.counts.accepted,
        accepted: l.counts.accepted,
        averageScore: scored.length ? round1(scored.reduce((a, r) => a + r.score!, 0) / scored.length) : null,
      };
    }),
    findings: {
      inspections: ledger.inspections.length,
      total: ledger.counts.findings,
      closed: ledger.counts.closed,
      overdue: ledger.counts.overdue,
      byKind: INSPECTION_KINDS.map((kind) => ({
        kind,
        inspections: ledger.inspections.filter((i) => i.kind === kind).length,
        levels: HAZARD_LEVELS.map((level) => {
          const of = ledger.findings.filter((f) => f.inspection?.kind === kind && f.level === level);
          return { level, found: of.length, closed: of.filter((f) => f.status === 'closed').length, overdue: of.filter((f) => f.overdue).length };
        }),
      })),
      asOf: ledger.today,
      head: ledger.head,
    },
  };
}

export async function getSummary(ports: Ports, input: Input<'summary.get'>): Promise<SummaryView> {
  const c = await getCampaign(ports, input.campaignId);
  const saved = (await ports.store.summaries.peek()).campaigns[c.id];
  return {
    figures: await summaryFigures(ports, c.id),
    sections: { ...Object.fromEntries(SUMMARY_SECTIONS.map((k) => [k, ''])), ...(saved?.sections ?? {}) } as SummaryView['sections'],
    savedAt: saved?.savedAt ?? null,
    savedBy: saved?.savedBy ?? null,
  };
}

export async function saveSummary(ports: Ports, caller: Account, input: Input<'summary.save'>): Promise<{ savedAt: string }> {
  const c = await getCampaign(ports, input.campaignId);
  const savedAt = iso(ports.clock.now());
  await ports.store.summaries.update((f) => {
    f.campaigns[c.id] = { sections: input.sections, savedAt, savedBy: caller.employeeNo };
  });
  return { savedAt };
}

/** The report as paragraphs and tables, the same for the .docx and the PDF. */
type TextBlock = { kind: 'title' | 'h1' | 'p' | 'note' | 'right'; text: string };
type TableBlock = { kind: 'table'; head: string[]; rows: (string | number)[][]; source: string };
type Block = TextBlock | TableBlock;
const isTable = (b: Block): b is TableBlock => b.kind === 'table';

export function summaryBlocks(enterprise: string, v: SummaryView, date: string): Block[] {
  const f = v.figures;
  const out: Block[] = [
    { kind: 'title', text: `${enterprise}关于${f.campaign.name}工作开展情况的报告` },
    { kind: 'p', text: '县应急管理局：' },
  ];
  const text = (k: keyof SummaryView['sections']) =>
    v.sections[k]
      .split(/\n+/)
      .map((x) => x.trim())
      .filter(Boolean);
  out.push({ kind: 'h1', text: SUMMARY_SECTION_TITLES.overview });
  for (const p of text('overview')) out.push({ kind: 'p', text: p });
  const q = f.quiz;
  out.push({
    kind: 'p',
    text: `本次活动自 ${f.campaign.start} 至 ${f.campaign.end}，集中学习 ${f.campaign.studyStart} 至 ${f.campaign.studyEnd}。全公司在册 ${f.people.roster} 人，参加 ${f.people.participants} 人，参与率 ${f.people.rate}%；组织集中学习活动 ${f.collective.sessions} 场、${f.collective.attendances} 人次；${f.discussions.held > 0 ? `开展研讨 ${f.discussions.held} 场（有研讨纪要），${f.discussions.speakers} 人发言，研讨提出的问题登记入问题台账 ${f.discussions.findings} 项；` : ''}参加考核 ${q.took} 人，合格 ${q.passed} 人，合格率 ${q.passRate}%${q.pending ? `（另有 ${q.pending} 人待阅卷）` : ''}；提交个人剖析材料 ${f.essays.submitted} 份，审阅通过 ${f.essays.accepted} 份；开展专项检查 ${f.findings.inspections} 次，发现问题 ${f.findings.total} 项，已整改销号 ${f.findings.closed} 项，逾期未整改 ${f.findings.overdue} 项。`,
  });
  out.push({
    kind: 'table',
    head: ['人员类别', '人数', '要求学时', '学时合计', '人均学时', '达到要求'],
    rows: f.byCategory.map((x) => [x.category, x.people, x.targetCreditHours, x.totalCreditHours, x.averageCreditHours, x.reached]),
    source: '学时台账（ledger.xlsx）',
  });
  if (f.collective.byType.length > 0)
    out.push({
      kind: 'table',
      head: ['集中学习形式', '场次', '参加人次', '平均到场率'],
      rows: f.collective.byType.map((x) => [COLLECTIVE_TYPE_NAMES[x.type], x.sessions, x.attendances, `${x.averageRate}%`]),
      source: '集中学习签到表（campaign.pdf 三）',
    });
  if (f.discussions.held > 0)
    out.push({
      kind: 'table',
      head: ['研讨', '数量'],
      rows: [
        ['有研讨纪要的研讨（场）', f.discussions.held],
        ['发言人数（人）', f.discussions.speakers],
        ['发言人次', f.discussions.speeches],
        ['登记入问题台账的问题（项）', f.discussions.findings],
      ],
      source: '研讨纪要（campaign.pdf 三，记录链 findings.json）',
    });
  out.push({
    kind: 'table',
    head: ['考核和剖析材料', '人数'],
    rows: [
      ['参加考核', q.took],
      ['考核合格', q.passed],
      ['提交剖析材料', f.essays.submitted],
      ['剖析材料审阅通过', f.essays.accepted],
    ],
    source: '考核成绩单（scores.xlsx）、剖析材料汇总（campaign.pdf 四）',
  });
  out.push({
    kind: 'table',
    head: ['述职层级', '应述职', '已述职', '已通过', '平均得分'],
    rows: f.reports.filter((r) => r.people > 0).map((r) => [REPORT_LEVEL_NAMES[r.level], r.people, r.submitted, r.accepted, r.averageScore ?? '—']),
    source: '履职述职情况（campaign.pdf 六）',
  });
  out.push({
    kind: 'table',
    head: ['检查类型', '检查次数', '隐患等级', '发现', '已销号', '逾期'],
    rows: f.findings.byKind.flatMap((k) =>
      k.levels.map((l, i) => [i === 0 ? INSPECTION_KIND_NAMES[k.kind] : '', i === 0 ? k.inspections : '', HAZARD_LEVEL_NAMES[l.level], l.found, l.closed, l.overdue]),
    ),
    source: `问题台账（findings.xlsx，截至 ${f.findings.asOf}，台账链头 ${f.findings.head.slice(0, 16)}…）`,
  });
  for (const k of ['measures', 'problems', 'next'] as const) {
    out.push({ kind: 'h1', text: SUMMARY_SECTION_TITLES[k] });
    const ps = text(k);
    if (ps.length === 0) out.push({ kind: 'note', text: '（待填写）' });
    for (const p of ps) out.push({ kind: 'p', text: p });
  }
  out.push({ kind: 'right', text: enterprise }, { kind: 'right', text: date });
  return out;
}

export async function exportSummary(ports: Ports, input: Input<'summary.export'>): Promise<{ fileName: string; base64: string }> {
  const v = await getSummary(ports, input);
  const { enterprise, settings } = await ports.store.meta.peek();
  const date = localDay(ports.clock.now(), settings.utcOffsetMinutes);
  const blocks = summaryBlocks(enterprise ?? '', v, date);
  const base = `总结报告-${v.figures.campaign.studyStart}`;
  if (input.format === 'docx') return { fileName: `${base}.docx`, base64: (await summaryDocx(blocks)).toString('base64') };
  return { fileName: `${base}.pdf`, base64: (await summaryPdf(blocks, v.figures.campaign.name)).toString('base64') };
}

async function summaryDocx(blocks: Block[]): Promise<Buffer> {
  const { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = await import('docx');
  const font = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
  const run = (text: string, o: { bold?: boolean; size?: number } = {}) => new TextRun({ text, font, bold: o.bold, size: o.size ?? 28 });
  const children: (InstanceType<typeof Paragraph> | InstanceType<typeof Table>)[] = [];
  for (const b of blocks) {
    if (isTable(b)) {
      const cell = (t: string | number, bold = false) => new TableCell({ children: [new Paragraph({ children: [run(String(t), { bold, size: 22 })] })] });
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [new TableRow({ tableHeader: true, children: b.head.map((h) => cell(h, true)) }), ...b.rows.map((r) => new TableRow({ children: r.map((x) => cell(x)) }))],
        }),
      );
      children.push(new Paragraph({ spacing: { after: 160 }, children: [run(`数据来源：${b.source}`, { size: 18 })] }));
    } else if (b.kind === 'title') children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [run(b.text, { bold: true, size: 36 })] }));
    else if (b.kind === 'h1') children.push(new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(b.text, { bold: true, size: 30 })] }));
    else if (b.kind === 'p') children.push(new Paragraph({ indent: { firstLine: 560 }, spacing: { line: 480 }, children: [run(b.text)] }));
    else if (b.kind === 'note') children.push(new Paragraph({ children: [run(b.text, { size: 24 })] }));
    else children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(b.text)] }));
  }
  const doc = new Document({
    creator: '安学 Anxue',
    title: '总结报告',
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } }, children }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

async function summaryPdf(blocks: Block[], title: string): Promise<Buffer> {
  const c: Content[] = blocks.map((block): Content => {
    if (isTable(block)) {
      const b = block;
      return {
        stack: [
          {
            table: {
              headerRows: 1,
              widths: b.head.map(() => '*'),
              body: [b.head.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...b.rows.map((r) => r.map((x) => ({ text: String(x) })))],
            },
            layout: 'lightHorizontalLines',
            fontSize: 9.5,
          },
          { text: `数据来源：${b.source}`, fontSize: 8, color: '#555555', margin: [0, 2, 0, 8] },
        ],
      } as Content;
    }
    const b = block;
    if (b.kind === 'title') return { text: b.text, fontSize: 17, bold: true, alignment: 'center', margin: [0, 0, 0, 14] };
    if (b.kind === 'h1') return { text: b.text, fontSize: 13, bold: true, margin: [0, 10, 0, 4] };
    if (b.kind === 'p') return { text: `\u3000\u3000${b.text}`, lineHeight: 1.5, margin: [0, 0, 0, 4] } as Content;
    if (b.kind === 'note') return { text: b.text, color: '#777777' };
    return { text: b.text, alignment: 'right' };
  });
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [60, 60, 60, 60],
    info: { title: `总结报告 ${title}`, creator: '安学 Anxue', producer: '安学 Anxue' },
    content: c,
    defaultStyle: { fontSize: 11.5 },
  });
}
