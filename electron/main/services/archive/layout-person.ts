// The layout of one person's training file (一人一档) as a pdfmake document: pure, so that it runs
// in the PDF workers too.
import { sessionCountsFor } from '../../../core/campaign-scope';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { REPORT_PART_NAMES, REPORT_PARTS, REPORT_STATUS_NAMES } from '../../../core/duty-report';
import { COLLECTIVE_TYPE_NAMES, ESSAY_PART_TITLES, partsFor, REPORT_LEVEL_NAMES, targetFor, type Campaign } from '../../../core/model';
import { toHours } from '../../../core/study-time';
import type { PersonFile } from '../../../records/person';
import { type PersonEvent } from '../../../records/events';
import { attendedSessions, bestResult, eventsOf, spokenAt } from '../../../records/derive';
import { spokeContent } from './minutes-layout';
import { type PersonRecord } from './record';
import { inductionOf } from '../../../records/induction';
import { dayShown, inductionSection, shownEvents, yearsSection } from './person-years';

/** Plant local time for people (the offset is a setting); the JSON keeps ISO UTC. */
export function timeFormatter(utcOffsetMinutes: number) {
  return (isoText: string) => new Date(Date.parse(isoText) + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}
function minutes(ms: number): string {
  return `${Math.floor(ms / 60_000)} 分钟`;
}

function table(headers: string[], rows: string[][], widths: (string | number)[]): Content {
  return {
    table: {
      headerRows: 1,
      widths,
      body: [headers.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...rows.map((r) => r.map((c) => ({ text: c })))],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 2, 0, 8],
  } as Content;
}

/** The remarks of a review round as one cell: the whole, each part (with the passage quoted), and an override. */
export function reviewText(r: { comment: string; partComments?: { part: keyof typeof ESSAY_PART_TITLES; comment: string; quote: string }[]; override?: string; similarity?: number }): string {
  const lines = [r.comment.trim()].filter(Boolean);
  for (const pc of r.partComments ?? []) lines.push(`${ESSAY_PART_TITLES[pc.part].replace(/^.、/, '')}：${pc.quote ? `「${pc.quote}」` : ''}${pc.comment}`);
  if (r.override) lines.push(`相似度 ${r.similarity ?? '—'}%，确认通过的理由：${r.override}`);
  return lines.join('\n') || '—';
}

/** 四、履职述职: the latest version, every answer with its scoring, the attachments by name and hash. */
function reportSection(events: readonly PersonEvent[], campaignId: string, fmtTime: (t: string) => string): Content[] {
  const c: Content[] = [{ text: '四、履职述职', style: 'h2' }];
  const subs = events.filter((e): e is Extract<PersonEvent, { type: 'report.submitted' }> => e.type === 'report.submitted' && e.data.campaignId === campaignId);
  const reviews = events.filter((e): e is Extract<PersonEvent, { type: 'report.reviewed' }> => e.type === 'report.reviewed' && e.data.campaignId === campaignId);
  const last = subs[subs.length - 1]!;
  const answer = reviews.filter((x) => x.data.version === last.data.version).at(-1);
  const status = answer ? (answer.data.decision === 'accept' ? 'accepted' : 'returned') : 'submitted';
  c.push({
    text: `${REPORT_LEVEL_NAMES[last.data.level]}述职，向${last.data.toName}${last.data.to === 'bureau' ? '' : `（${last.data.to}）`}报告；状态：${REPORT_STATUS_NAMES[status]}；第 ${last.data.version} 稿，提交于 ${fmtTime(last.at)}，${last.data.total} 字。`,
  });
  for (const k of REPORT_PARTS) {
    c.push({ text: REPORT_PART_NAMES[k], bold: true, margin: [0, 6, 0, 2] });
    for (const para of last.data.parts[k].split(/\n+/).filter((x) => x.trim() !== '')) c.push({ text: para, margin: [0, 0, 0, 3], preserveLeadingSpaces: true } as Content);
  }
  if (last.data.attachments.length > 0) c.push({ text: `附件：${last.data.attachments.map((a) => `${a.name}（SHA-256 ${a.sha256.slice(0, 16)}…）`).join('；')}`, margin: [0, 4, 0, 2] });
  if (reviews.length > 0) {
    c.push({ text: '审阅和计分', bold: true, margin: [0, 6, 0, 2] });
    c.push(
      table(
        ['时间', '稿次', '审阅人', '结论', '意见', '得分'],
        reviews.map((x) => [
          fmtTime(x.at),
          String(x.data.version),
          x.data.bureau ? `县应急管理局（${x.by} 录入）` : x.by,
          x.data.decision === 'accept' ? '通过' : '退回修改',
          x.data.comment || '—',
          x.data.score ? String(x.data.score.total) : '—',
        ]),
        [75, 28, 70, 45, '*', 35],
      ),
    );
    const scored = reviews.filter((x) => x.data.score).at(-1);
    if (scored?.data.score) {
      c.push({ text: '计分表', bold: true, margin: [0, 4, 0, 2] });
      c.push(
        table(
          ['计分项目', '分值', '得分'],
          [
            ...scored.data.score.sheet.map((it, i) => [it.name, String(it.max), String(scored.data.score!.points[i])]),
            ['合计', String(scored.data.score.sheet.reduce((a, b) => a + b.max, 0)), String(scored.data.score.total)],
          ],
          ['*', 50, 50],
        ),
      );
    }
  }
  return c;
}

export function personPdfDefinition(r: PersonRecord, campaigns: Campaign[]): TDocumentDefinitions {
  const c: Content[] = [];
  const p = r.person;
  const fmtTime = timeFormatter(r.utcOffsetMinutes);
  // a file of one year lists that year's records only (the record file keeps the whole chain)
  const events = shownEvents(r);
  c.push({ text: '安全生产教育和培训档案', style: 'title' });
  c.push({ text: r.year ? `（一人一档 · ${r.year} 年度）` : '（一人一档）', alignment: 'center', margin: [0, 0, 0, 12] });
  c.push({
    table: {
      widths: [70, '*', 70, '*'],
      body: [
        ['单位', { text: r.enterprise, colSpan: 3 }, '', ''],
        ['姓名', p.name, '工号', p.employeeNo],
        ['部门/车间', p.dept, '班组', p.team || '—'],
        ['岗位', p.post || '—', '人员类别', p.category + (p.leader ? '（班子成员）' : '')],
      ],
    },
    margin: [0, 0, 0, 12],
  } as Content);
  c.push(...yearsSection(r));
  c.push(...inductionSection(r, campaigns));
  if (r.campaigns.length === 0) c.push({ text: '本期间暂无培训记录。', margin: [0, 8] });
  for (const cr of r.campaigns) {
    const full = campaigns.find((x) => x.id === cr.campaign.id);
    c.push({ text: cr.campaign.name, style: 'h1' });
    c.push({ text: `培训时间：${cr.campaign.start} 至 ${cr.campaign.end}；集中学习：${cr.campaign.studyStart} 至 ${cr.campaign.studyEnd}` });
    c.push({ text: `参加人员：${p.name}（${p.employeeNo}）` });
    c.push({ text: '一、学习记录（培训时间与内容）', style: 'h2' });
    const attended = attendedSessions({ events: r.events } as PersonFile, cr.campaign.id).filter((a) => dayShown(r, a.date));
    c.push({ text: '集中学习活动（警示教育）', bold: true, margin: [0, 2, 0, 2] });
    c.push(
      attended.length === 0
        ? { text: '无。' }
        : table(
            ['日期', '形式', '主题', '时长', '地点', '主持/主讲'],
            attended.map((a) => [`${a.date} ${a.start}`, COLLECTIVE_TYPE_NAMES[a.type], a.topic, `${a.durationMinutes} 分钟`, a.place || '—', a.host || '—']),
            [62, 108, '*', 45, 60, 60],
          ),
    );
    c.push(...spokeContent([...spokenAt({ events: r.events }).values()].filter((x) => x.campaignId === cr.campaign.id && dayShown(r, x.date))));
    c.push({ text: '自学（计算机上阅读）', bold: true, margin: [0, 4, 0, 2] });
    const sessions = events.filter((e): e is Extract<PersonEvent, { type: 'study.session' }> => e.type === 'study.session' && sessionCountsFor(e.data, cr.campaign.id));
    c.push(
      sessions.length === 0
        ? { text: '无自学记录。' }
        : table(
            ['开始', '结束', '学习内容', '计入时长', '未计入（闲置/离开）'],
            sessions.map((s) => [
              fmtTime(s.data.startedAt),
              fmtTime(s.data.endedAt),
              s.data.docTitle,
              minutes(s.data.countedMs),
              minutes(Object.values(s.data.excludedMs).reduce((a, b) => a + (b ?? 0), 0)),
            ]),
            [70, 70, '*', 55, 70],
          ),
    );
    // signed levels of 三级安全教育 count as collective time (records/summary.ts): say how much of it they are
    const inductionMs = inductionOf({ events: r.events }, cr.campaign.id).reduce((n, x) => n + x.minutes * 60_000, 0);
    c.push({
      text: `学习合计：${toHours(cr.studiedMs)} 小时（集中学习 ${toHours(cr.collectiveMs ?? 0)} 小时${inductionMs > 0 ? `，其中三级安全教育 ${toHours(inductionMs)} 小时` : ''}，自学 ${toHours(cr.selfMs ?? cr.studiedMs)} 小时），折合 ${cr.creditHours} 学时（每学时 ${r.minutesPerCreditHour} 分钟）；要求 ${targetFor(cr.campaign, r.person.category)} 学时；${cr.creditHours >= targetFor(cr.campaign, r.person.category) ? '已达到' : '未达到'}要求。`,
      bold: true,
    });
    c.push({ text: '二、考核结果', style: 'h2' });
    const graders = new Map<string, Set<string>>();
    for (const g of eventsOf({ events } as PersonFile, 'quiz.graded')) {
      const s = graders.get(g.data.attemptId) ?? new Set<string>();
      s.add(g.by);
      graders.set(g.data.attemptId, s);
    }
    const quiz = cr.quiz.filter((q) => dayShown(r, fmtTime(q.submittedAt)));
    c.push(
      quiz.length === 0
        ? { text: '未参加考核。' }
        : table(
            ['交卷时间', '得分', '百分制', '结果', '阅卷人'],
            quiz.map((q) => [
              fmtTime(q.submittedAt),
              `${q.score} / ${q.max}`,
              String(q.percent),
              q.passed === null ? '待阅卷' : q.passed ? `合格（≥${q.passMark}）` : `不合格（<${q.passMark}）`,
              [...(graders.get(q.attemptId) ?? [])].join('、') || '系统自动评分',
            ]),
            [90, 60, 50, '*', 90],
          ),
    );
    const best = bestResult(quiz);
    if (best) c.push({ text: `考核结论：${best.passed === null ? '待阅卷' : best.passed ? '合格' : '不合格'}（最好成绩 ${best.percent} 分）`, bold: true });
    c.push({ text: '三、个人剖析材料', style: 'h2' });
    const subs = events.filter((e): e is Extract<PersonEvent, { type: 'essay.submitted' }> => e.type === 'essay.submitted' && e.data.campaignId === cr.campaign.id);
    const reviews = events.filter((e): e is Extract<PersonEvent, { type: 'essay.reviewed' }> => e.type === 'essay.reviewed' && e.data.campaignId === cr.campaign.id);
    const last = subs[subs.length - 1];
    if (!last) c.push({ text: '未提交。' });
    else {
      const statusText = ESSAY_STATUS_TEXT[cr.essayStatus] ?? cr.essayStatus;
      c.push({ text: `状态：${statusText}；第 ${last.data.version} 稿，提交于 ${fmtTime(last.at)}，${last.data.total} 字。` });
      // the accidents this person chose to reflect on (older records: the campaign's list)
      const accidents = last.data.accidents ?? full?.accidents ?? [];
      if (accidents.length) c.push({ text: `对照的事故：${accidents.join('；')}` });
      for (const k of partsFor(p.leader)) {
        c.push({ text: ESSAY_PART_TITLES[k], bold: true, margin: [0, 6, 0, 2] });
        for (const para of (last.data.parts[k] ?? '').split(/\n+/).filter((x) => x.trim() !== '')) c.push({ text: para, margin: [0, 0, 0, 3], preserveLeadingSpaces: true } as Content);
      }
      if (reviews.length > 0) {
        c.push({ text: '审阅记录', bold: true, margin: [0, 6, 0, 2] });
        c.push(
          table(
            ['时间', '稿次', '审阅人', '结论', '意见'],
            reviews.map((x) => [fmtTime(x.at), String(x.data.version), x.by, x.data.decision === 'accept' ? '通过' : '退回修改', reviewText(x.data)]),
            [80, 30, 60, 50, '*'],
          ),
        );
      }
    }
    const reports = events.filter((e): e is Extract<PersonEvent, { type: 'report.submitted' }> => e.type === 'report.submitted' && e.data.campaignId === cr.campaign.id);
    if (reports.length > 0) c.push(...reportSection(events, cr.campaign.id, fmtTime));
  }
  c.push({
    margin: [0, 24, 0, 0],
    table: {
      widths: ['*', '*'],
      body: [
        [
          { text: '本人签字：________________\n\n日期：______年____月____日', margin: [0, 8] },
          { text: '考核人签字：________________\n\n日期：______年____月____日', margin: [0, 8] },
        ],
      ],
    },
    layout: 'noBorders',
  } as Content);
  return {
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 60],
    info: { title: `安全生产教育和培训档案 ${p.name} ${p.employeeNo}`, creator: '安学 Anxue', producer: '安学 Anxue' },
    content: c,
    styles: {
      title: { fontSize: 20, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      h1: { fontSize: 14, bold: true, margin: [0, 10, 0, 4] },
      h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 3] },
    },
    // on every page, under the page numbers: the key that signs the archive's manifest (in the
    // footer, not the content: a line more there would start a page more for many people)
    footer: (page: number, pages: number): Content => ({
      stack: [
        {
          columns: [
            { text: ['记录链头 ', { text: r.chainHead.slice(0, 16), font: 'Mono' }, `… · 生成于 ${fmtTime(r.exportedAt)}`], fontSize: 8, color: '#666666' },
            { text: `第 ${page} 页 / 共 ${pages} 页`, alignment: 'right', fontSize: 8 },
          ],
        },
        ...(r.signingKey ? [{ text: [{ text: '清单签名密钥 ' }, { text: `SHA-256 ${r.signingKey}`, font: 'Mono' }], fontSize: 6, color: '#666666', margin: [0, 2, 0, 0] } as Content] : []),
      ],
      margin: [50, 16, 50, 0],
    }),
  };
}

export const ESSAY_STATUS_TEXT: Record<string, string> = { accepted: '已通过', returned: '退回修改', submitted: '已提交，待审阅', draft: '草稿', not_started: '未开始' };
