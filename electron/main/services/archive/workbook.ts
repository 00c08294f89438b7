// The training file as spreadsheet rows (one sheet per kind of record), for one person or for many.
import type { Writable } from 'node:stream';
import { COLLECTIVE_TYPE_NAMES, INDUCTION_LEVEL_NAMES, REPORT_LEVEL_NAMES, targetFor } from '../../../core/model';
import { toHours } from '../../../core/study-time';
import type { PersonFile } from '../../../records/person';
import { attendedSessions, bestResult } from '../../../records/derive';
import { type PersonRecord } from './record';
import { ESSAY_STATUS_TEXT, reviewText, timeFormatter } from './layout-person';
import { dayShown, shownEvents } from './person-years';
import { inductionSignOffs } from '../../../records/induction';

/**
 * The training file as spreadsheet rows: one sheet per kind of record (people, study sessions,
 * collective sessions, quiz attempts, essays), one row per record, for one person or for many.
 */
/**
 * The training file as spreadsheet rows, one person at a time: with a file (its write stream), rows
 * are streamed to it as they are added (a batch of 3,000 never holds them all); without, the
 * workbook is built in memory and `close` returns its bytes.
 */
export async function personWorkbook(toFile?: Writable): Promise<{ add(r: PersonRecord): void; close(): Promise<Buffer> }> {
  const { default: ExcelJS } = await import('exceljs');
  // many people: streamed to the file row by row (far less memory and time than a workbook in memory)
  const wb = toFile ? new ExcelJS.stream.xlsx.WorkbookWriter({ stream: toFile, useStyles: true }) : new ExcelJS.Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const sheet = (name: string, header: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { properties: {} } as never) as import('exceljs').Worksheet;
    ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 12 }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const people = sheet(
    '人员',
    [
      '工号',
      '姓名',
      '部门/车间',
      '班组',
      '岗位',
      '人员类别',
      '班子成员',
      '培训计划',
      '学习小时',
      '其中集中学习',
      '其中自学',
      '学时',
      '要求学时',
      '是否达到',
      '最好成绩',
      '考核结论',
      '剖析材料',
      '记录条数',
      '记录链头',
    ],
    [10, 10, 14, 10, 10, 14, 8, 30, 9, 9, 9, 8, 8, 8, 8, 10, 10, 8, 66],
  );
  const study = sheet(
    '自学记录',
    ['工号', '姓名', '培训计划', '开始', '结束', '学习内容', '计入分钟', '未计入分钟', '其中闲置', '其中离开/遮挡', '验证 发出/完成/未完成'],
    [10, 10, 30, 17, 17, 36, 9, 9, 9, 12, 18],
  );
  const coll = sheet('集中学习', ['工号', '姓名', '培训计划', '日期', '开始', '形式', '主题', '分钟', '地点', '主持/主讲', '记录方式'], [10, 10, 30, 11, 7, 18, 30, 7, 12, 12, 10]);
  const quiz = sheet('考核', ['工号', '姓名', '培训计划', '交卷时间', '得分', '满分', '百分制', '结果', '用时（分钟）', '阅卷人'], [10, 10, 30, 17, 8, 8, 8, 10, 10, 14]);
  const essays = sheet('剖析材料', ['工号', '姓名', '培训计划', '稿次', '提交时间', '字数', '审阅时间', '审阅人', '结论', '意见'], [10, 10, 30, 6, 17, 7, 17, 10, 8, 50]);
  const reports = sheet(
    '履职述职',
    ['工号', '姓名', '培训计划', '岗位层级', '稿次', '提交时间', '报告对象', '字数', '附件', '审阅时间', '审阅人', '结论', '意见', '得分'],
    [10, 10, 30, 10, 6, 17, 16, 7, 6, 17, 10, 8, 40, 7],
  );
  const induction = sheet(
    '三级安全教育',
    ['工号', '姓名', '培训计划', '级别', '学时', '完成日期', '教育内容', '签字人', '签字人工号', '签字人岗位', '登记人', '登记时间'],
    [10, 10, 30, 8, 6, 11, 36, 10, 10, 12, 10, 17],
  );
  const years = sheet('年度学时', ['工号', '姓名', '年度', '学习小时', '学时', '要求学时', '要求依据', '是否达到'], [10, 10, 6, 9, 8, 8, 16, 8]);
  // a streamed row is written out (and forgotten) when committed
  const put = (ws: import('exceljs').Worksheet, values: unknown[]) => {
    const row = ws.addRow(values);
    if (toFile) row.commit();
  };
  const add = (r: PersonRecord) => {
    const p = r.person;
    const fmt = timeFormatter(r.utcOffsetMinutes);
    const names = new Map(r.campaigns.map((c) => [c.campaign.id, c.campaign.name]));
    for (const cr of r.campaigns) {
      const best = bestResult(cr.quiz);
      put(people, [
        p.employeeNo,
        p.name,
        p.dept,
        p.team,
        p.post,
        p.category,
        p.leader ? '是' : '否',
        cr.campaign.name,
        toHours(cr.studiedMs),
        toHours(cr.collectiveMs),
        toHours(cr.selfMs),
        cr.creditHours,
        targetFor(cr.campaign, p.category),
        cr.creditHours >= targetFor(cr.campaign, p.category) ? '是' : '否',
        best?.percent ?? '',
        !best ? '未参加' : best.passed === null ? '待阅卷' : best.passed ? '合格' : '不合格',
        ESSAY_STATUS_TEXT[cr.essayStatus] ?? cr.essayStatus,
        r.events.length,
        r.chainHead,
      ]);
    }
    if (r.campaigns.length === 0) put(people, [p.employeeNo, p.name, p.dept, p.team, p.post, p.category, p.leader ? '是' : '否', '', '', '', '', '', '', '', '', '', '', r.events.length, r.chainHead]);
    for (const y of r.years)
      put(years, [
        p.employeeNo,
        p.name,
        y.year,
        toHours(y.ms),
        y.creditHours,
        y.requiredCreditHours,
        y.basis === 'initial' ? '岗前（三级安全教育）' : '年度再培训',
        y.creditHours >= y.requiredCreditHours ? '是' : '否',
      ]);
    for (const x of inductionSignOffs(r).values()) {
      if (!names.has(x.campaignId) || !dayShown(r, x.date)) continue;
      put(induction, [p.employeeNo, p.name, names.get(x.campaignId), INDUCTION_LEVEL_NAMES[x.level], x.hours, x.date, x.content, x.signerName, x.signer, x.signerPost, x.by, fmt(x.at)]);
    }
    const graders = new Map<string, Set<string>>();
    // a file of one year lists that year's records only
    for (const e of shownEvents(r)) {
      const cname = 'campaignId' in e.data ? (names.get(e.data.campaignId) ?? '') : '';
      if (e.type === 'study.session') {
        const ex = e.data.excludedMs;
        const sum = Object.values(ex).reduce((a, b) => a + (b ?? 0), 0);
        put(study, [
          p.employeeNo,
          p.name,
          cname,
          fmt(e.data.startedAt),
          fmt(e.data.endedAt),
          e.data.docTitle,
          Math.floor(e.data.countedMs / 60_000),
          Math.floor(sum / 60_000),
          Math.floor((ex.idle ?? 0) / 60_000),
          Math.floor(((ex.hidden ?? 0) + (ex.unfocused ?? 0) + (ex.locked ?? 0)) / 60_000),
          e.data.checks ? `${e.data.checks.issued}/${e.data.checks.answered}/${e.data.checks.missed}` : '',
        ]);
      } else if (e.type === 'quiz.graded') {
        const g = graders.get(e.data.attemptId) ?? new Set<string>();
        g.add(e.by);
        graders.set(e.data.attemptId, g);
      } else if (e.type === 'essay.submitted') {
        put(essays, [p.employeeNo, p.name, cname, e.data.version, fmt(e.at), e.data.total, '', '', '提交', '']);
      } else if (e.type === 'essay.reviewed') {
        put(essays, [p.employeeNo, p.name, cname, e.data.version, '', '', fmt(e.at), e.by, e.data.decision === 'accept' ? '通过' : '退回修改', reviewText(e.data)]);
      } else if (e.type === 'report.submitted') {
        put(reports, [
          p.employeeNo,
          p.name,
          cname,
          REPORT_LEVEL_NAMES[e.data.level],
          e.data.version,
          fmt(e.at),
          e.data.to === 'bureau' ? e.data.toName : `${e.data.toName}（${e.data.to}）`,
          e.data.total,
          e.data.attachments.length,
          '',
          '',
          '提交',
          '',
          '',
        ]);
      } else if (e.type === 'report.reviewed') {
        put(reports, [
          p.employeeNo,
          p.name,
          cname,
          '',
          e.data.version,
          '',
          '',
          '',
          '',
          fmt(e.at),
          e.data.bureau ? `县应急管理局（${e.by} 录入）` : e.by,
          e.data.decision === 'accept' ? '通过' : '退回修改',
          e.data.comment,
          e.data.score?.total ?? '',
        ]);
      }
    }
    for (const cr of r.campaigns) {
      for (const a of attendedSessions({ events: r.events } as PersonFile, cr.campaign.id).filter((x) => dayShown(r, x.date)))
        put(coll, [p.employeeNo, p.name, cr.campaign.name, a.date, a.start, COLLECTIVE_TYPE_NAMES[a.type], a.topic, a.durationMinutes, a.place, a.host, a.via === 'self' ? '本人签到' : '安全员登记']);
      for (const q of cr.quiz.filter((x) => dayShown(r, fmt(x.submittedAt))))
        put(quiz, [
          p.employeeNo,
          p.name,
          cr.campaign.name,
          fmt(q.submittedAt),
          q.score,
          q.max,
          q.percent,
          q.passed === null ? '待阅卷' : q.passed ? '合格' : '不合格',
          Math.round(q.durationMs / 6000) / 10,
          [...(graders.get(q.attemptId) ?? [])].join('、') || '系统自动评分',
        ]);
    }
  };
  return {
    add,
    async close() {
      if (toFile) {
        await (wb as import('exceljs').stream.xlsx.WorkbookWriter).commit();
        return Buffer.alloc(0);
      }
      return Buffer.from(await (wb as import('exceljs').Workbook).xlsx.writeBuffer());
    },
  };
}

export async function personWorkbookRows(records: readonly PersonRecord[], toFile?: Writable): Promise<Buffer> {
  const w = await personWorkbook(toFile);
  for (const r of records) w.add(r);
  return w.close();
}
