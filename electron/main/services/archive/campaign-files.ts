// 一期一档: the campaign's own file, next to every person's. The plan (dates, phases, documents,
// targets), the people, the attendance sheet of each collective session (with a column to sign),
// the hours and the scores of everyone, the essay index with review status, and summary figures
// with charts — as one PDF, plus the ledgers as spreadsheets.
import path from 'node:path';
import type { Content } from 'pdfmake/interfaces';
import { chainHead } from '../../../records/events';
import { REPORT_STATUS_NAMES } from '../../../core/duty-report';
import { INSPECTION_KIND_NAMES, INSPECTION_SCOPE_NAMES, type LedgerEntry } from '../../../core/inspection';
import { foldMinutes } from '../../../core/discussion';
import { minutesContent } from './minutes-layout';
import { COLLECTIVE_TYPE_NAMES, INDUCTION_LEVEL_NAMES, INDUCTION_LEVELS, REPORT_LEVEL_NAMES, targetFor, targetsText } from '../../../core/model';
import { inductionLevels, inductionSignOffs, type LevelStanding } from '../../../records/induction';
import { toHours } from '../../../core/study-time';
import { ESSAY_STATUS_TEXT } from './layout-person';
import type { PersonRecord } from './record';
import { getCampaign } from '../campaign/campaign';
import { listDocs } from '../corpus/corpus';
import { bestResult } from '../../../records/derive';
import { renderParts, splitIntoParts, type PartedDocument, type PlainDocument } from '../render/pdf';
import { writeHoursLedger } from '../progress/progress';
import { LEDGER_COLUMNS, ledgerRows, ledgerXlsx, listInspections } from '../inspection/inspection';
import { reportState } from '../report/report';
import { evidencePath, FINDINGS_FILE, ledgerPhotos } from './files';
import { scoreSheet } from '../quiz/quiz-results';
import type { Ports } from '../ports';
import { collectIfGrown } from '../render/gc';
import { notFound } from '../errors';

const cell = (t: string | number, opts: Record<string, unknown> = {}) => ({ text: String(t), ...opts });

function grid(headers: string[], rows: (string | number)[][], widths: (string | number)[]): Content {
  return {
    table: { headerRows: 1, widths, body: [headers.map((h) => cell(h, { bold: true, fillColor: '#eeeeee' })), ...rows.map((r) => r.map((x) => cell(x)))] },
    layout: 'grid',
    fontSize: 9,
    margin: [0, 2, 0, 8],
  } as Content;
}

/** A bar chart as a table: label, figure, and a bar drawn to scale. */
function bars(rows: { label: string; value: number; text: string }[], max: number): Content {
  const width = 260;
  return {
    table: {
      widths: [110, 60, width],
      body: rows.map((r) => [
        cell(r.label),
        cell(r.text, { alignment: 'right' }),
        { canvas: [{ type: 'rect', x: 0, y: 2, w: max > 0 ? Math.max(0.5, (r.value / max) * width) : 0.5, h: 9, color: '#0b5cad' }] },
      ]),
    },
    layout: 'noBorders',
    fontSize: 9,
    margin: [0, 2, 0, 8],
  } as Content;
}

/** The campaign's PDF as a plain definition (it can be printed on a worker thread). */
export async function campaignPdfDefinition(ports: Ports, campaignId: string, records: readonly PersonRecord[]): Promise<PlainDocument> {
  const c = await getCampaign(ports, campaignId);
  const meta = await ports.store.meta.read();
  const docs = new Map((await listDocs(ports)).map((d) => [d.id, d]));
  const inCampaign = (r: PersonRecord) => r.campaigns.find((x) => x.campaign.id === c.id);
  const selected = new Set(records.map((r) => r.person.employeeNo));
  const minutes = foldMinutes((await ports.store.inspections.peek()).entries as LedgerEntry[]);
  const fmtAt = (t: string) => new Date(Date.parse(t) + meta.settings.utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  const sessions = (await ports.store.collective.read()).sessions.filter((s) => s.campaignId === c.id).sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`));
  const name = new Map(records.map((r) => [r.person.employeeNo, r.person]));
  const overview = await import('../essay/essay-review').then((m) => m.essayOverview(ports, { campaignId: c.id }));
  // the similarity of everyone's essays leaves its garbage: not held while the PDF is laid out
  collectIfGrown();
  const essayRow = new Map(overview.rows.map((r) => [r.employeeNo, r]));

  const content: Content[] = [
    { text: '安全生产教育和培训档案', style: 'title' },
    { text: '（一期一档）', alignment: 'center' },
    { text: c.name, alignment: 'center', fontSize: 14, bold: true, margin: [0, 12, 0, 4] },
    { text: meta.enterprise ?? '', alignment: 'center', margin: [0, 0, 0, 4] },
    { text: `培训时间：${c.start} 至 ${c.end}　　参加人员：${records.length} 人`, alignment: 'center', margin: [0, 0, 0, 20] },
    { text: '一、培训计划', style: 'h1' },
    grid(
      ['项目', '内容'],
      [
        ['培训时间', `${c.start} 至 ${c.end}`],
        ['集中学习', `${c.studyStart} 至 ${c.studyEnd}`],
        ['学时要求', `${targetsText(c)}（每学时 ${meta.settings.minutesPerCreditHour} 分钟）`],
        [
          '考核',
          `${(c.quiz.mode ?? 'fixed') === 'fixed' ? `固定试卷 ${c.quiz.questionIds.length} 题` : `随机组卷 ${c.quiz.rules.reduce((s, r) => s + r.count, 0)} 题`}，限时 ${c.quiz.timeLimitMinutes} 分钟，${c.quiz.passMark} 分及格，可考 ${c.quiz.maxAttempts} 次`,
        ],
        ['个人剖析材料', `最少 ${c.essay.minChars} 字，${c.essay.deadline} 前提交`],
        ['警示教育事故', c.accidents.join('；') || '—'],
      ],
      [90, '*'],
    ),
    { text: '工作阶段', bold: true },
    grid(
      ['阶段', '开始', '结束'],
      c.phases.map((p) => [p.name, p.start, p.end]),
      ['*', 80, 80],
    ),
    { text: '学习文件', bold: true },
    grid(
      ['文件', '文号', '建议时长（分钟）'],
      c.documents.map((d) => [docs.get(d.docId)?.title ?? d.docId, docs.get(d.docId)?.docNo || '—', d.minutes]),
      ['*', 120, 70],
    ),
    { text: '二、参加人员', style: 'h1' },
    grid(
      ['序号', '工号', '姓名', '部门/车间', '班组', '岗位', '人员类别'],
      records.map((r, i) => [i + 1, r.person.employeeNo, r.person.name, r.person.dept, r.person.team || '—', r.person.post || '—', r.person.category + (r.person.leader ? '（班子成员）' : '')]),
      [24, 50, 50, '*', 55, 50, 80],
    ),
    { text: '三、集中学习签到表', style: 'h1', pageBreak: 'before' },
  ];
  if (sessions.length === 0) content.push({ text: '本期没有集中学习活动记录。' });
  for (const s of sessions) {
    const who = s.attendees.filter((a) => selected.has(a.employeeNo));
    content.push({ text: `${COLLECTIVE_TYPE_NAMES[s.type]}：${s.topic}`, bold: true, margin: [0, 6, 0, 2] });
    content.push({ text: `时间：${s.date} ${s.start}，${s.durationMinutes} 分钟　地点：${s.place || '—'}　主持/主讲：${s.host || '—'}　到场 ${who.length} 人`, fontSize: 9 });
    content.push(
      grid(
        ['序号', '工号', '姓名', '部门/车间', '记录方式', '签字'],
        who.map((a, i) => [i + 1, a.employeeNo, name.get(a.employeeNo)?.name ?? '', name.get(a.employeeNo)?.dept ?? '', a.via === 'self' ? '本人签到' : '安全员登记', '']),
        [24, 50, 60, '*', 60, 80],
      ),
    );
    const m = minutes.get(s.id);
    if (m) content.push(...minutesContent(m, fmtAt));
  }
  // one row per person: hours, assessment, essay (the full ledgers are in ledger.xlsx / scores.xlsx)
  content.push({ text: '四、学时、考核与剖析材料汇总', style: 'h1', pageBreak: 'before' });
  content.push(
    grid(
      ['工号', '姓名', '部门/车间', '集中（时）', '自学（时）', '学时', '达到', '考核', '最好成绩', '结论', '剖析材料', '相同内容'],
      records.map((r) => {
        const x = inCampaign(r);
        const q = x?.quiz ?? [];
        const best = bestResult(q);
        const e = essayRow.get(r.person.employeeNo);
        return [
          r.person.employeeNo,
          r.person.name,
          r.person.dept,
          x ? toHours(x.collectiveMs) : 0,
          x ? toHours(x.selfMs) : 0,
          x?.creditHours ?? 0,
          (x?.creditHours ?? 0) >= targetFor(c, r.person.category) ? '是' : '否',
          `${q.length} 次`,
          best ? `${best.percent}` : '—',
          !best ? '未参加' : best.passed === null ? '待阅卷' : best.passed ? '合格' : '不合格',
          ESSAY_STATUS_TEXT[e?.status ?? 'not_started'] ?? '',
          e?.similarity ? `${e.similarity.percent}%` : '—',
        ];
      }),
      [38, 40, '*', 30, 30, 26, 22, 24, 30, 34, 44, 34],
    ),
  );
  content.push({ text: `要求：${targetsText(c)}；考核 ${c.quiz.passMark} 分及格（百分制，取最好成绩）。`, fontSize: 8 });
  // 三级安全教育: each person's levels as the archivist files them (the full sheet: ledger.xlsx)
  if (c.kind === 'induction') {
    content.push({ text: '三级安全教育', bold: true, margin: [0, 8, 0, 0] });
    const cellOf = (l: LevelStanding) => (l.signed ? `${l.hours} 学时\n${l.signed.signerName}（${l.signed.signerPost || l.signed.signer}）\n${l.signed.date}` : `${l.hours} 学时\n未签字`);
    content.push(
      grid(
        ['工号', '姓名', '部门/车间', ...INDUCTION_LEVELS.map((l) => INDUCTION_LEVEL_NAMES[l]), '已签'],
        records.map((r) => {
          const levels = inductionLevels(inductionSignOffs(r), c);
          return [r.person.employeeNo, r.person.name, r.person.dept, ...levels.map(cellOf), `${levels.filter((l) => l.signed).length}/3`];
        }),
        [40, 44, '*', 90, 90, 90, 24],
      ),
    );
    content.push({ text: '各级由负责人在纸质三级安全教育卡上签字；此处为登记的签字人（岗位）和完成日期。', fontSize: 8 });
  }
  // summary figures and charts
  const reached = records.filter((r) => (inCampaign(r)?.creditHours ?? 0) >= targetFor(c, r.person.category)).length;
  const bests = records.map((r) => bestResult(inCampaign(r)?.quiz ?? [])).filter((b): b is NonNullable<typeof b> => !!b);
  const passed = bests.filter((b) => b.passed).length;
  const accepted = records.filter((r) => essayRow.get(r.person.employeeNo)?.status === 'accepted').length;
  const pct = (n: number) => (records.length ? Math.round((n / records.length) * 1000) / 10 : 0);
  content.push({ text: '五、统计汇总', style: 'h1', pageBreak: 'before' });
  content.push(
    grid(
      ['项目', '人数', '占参加人员'],
      [
        ['学时达到要求', reached, `${pct(reached)}%`],
        ['参加考核', bests.length, `${pct(bests.length)}%`],
        ['考核合格', passed, `${pct(passed)}%`],
        ['剖析材料已通过', accepted, `${pct(accepted)}%`],
      ],
      ['*', 60, 80],
    ),
  );
  const depts = [...new Set(records.map((r) => r.person.dept))];
  content.push({ text: '各部门学时达标率', bold: true });
  content.push(
    bars(
      depts.map((d) => {
        const inDept = records.filter((r) => r.person.dept === d);
        const ok = inDept.filter((r) => (inCampaign(r)?.creditHours ?? 0) >= targetFor(c, r.person.category)).length;
        const v = inDept.length ? (ok / inDept.length) * 100 : 0;
        return { label: d, value: v, text: `${Math.round(v * 10) / 10}%` };
      }),
      100,
    ),
  );
  const hist = Array.from({ length: 10 }, () => 0);
  for (const b of bests) hist[Math.min(9, Math.floor(b.percent / 10))]! += 1;
  content.push({ text: '考核成绩分布（每人最好成绩）', bold: true });
  content.push(
    bars(
      hist.map((n, i) => ({ label: i === 9 ? '90–100 分' : `${i * 10}–${i * 10 + 9} 分`, value: n, text: `${n} 人` })),
      Math.max(1, ...hist),
    ),
  );
  // 六、履职述职: everyone with a 岗位层级 in the records, where their report stands and its score
  const reporters = records.filter((r) => r.person.level);
  content.push({ text: '六、履职述职', style: 'h1', pageBreak: 'before' });
  if (reporters.length === 0) content.push({ text: '花名册中没有填写岗位层级的人员，本期无述职记录。' });
  else {
    const rows = reporters.map((r) => {
      const st = reportState({ events: r.events, open: {} } as never, c.id);
      const to = st.latest?.data;
      return [
        r.person.employeeNo,
        r.person.name,
        r.person.dept,
        REPORT_LEVEL_NAMES[r.person.level!],
        to ? (to.to === 'bureau' ? to.toName : `${to.toName}（${to.to}）`) : '—',
        REPORT_STATUS_NAMES[st.status],
        st.latest ? `第 ${st.latest.data.version} 稿` : '—',
        st.score ?? '—',
      ];
    });
    content.push(grid(['工号', '姓名', '部门/车间', '岗位层级', '报告对象', '状态', '稿次', '得分'], rows, [45, 45, '*', 50, 80, 45, 35, 30]));
    content.push(
      grid(
        ['岗位层级', '应述职', '已提交', '已通过'],
        (['team', 'workshop', 'deputy', 'head'] as const).map((l) => {
          const at = reporters.filter((r) => r.person.level === l);
          const sts = at.map((r) => reportState({ events: r.events, open: {} } as never, c.id).status);
          return [REPORT_LEVEL_NAMES[l], at.length, sts.filter((x) => x !== 'not_started' && x !== 'draft').length, sts.filter((x) => x === 'accepted').length];
        }),
        ['*', 60, 60, 60],
      ),
    );
  }
  // 七、问题台账: the inspections and their findings (the ledger itself: findings.xlsx, findings.json)
  const ledger = await listInspections(ports, { campaignId: c.id });
  content.push({ text: '七、安全专项检查和问题台账', style: 'h1', pageBreak: 'before' });
  content.push({
    text: `检查 ${ledger.inspections.length} 次，发现问题 ${ledger.counts.findings} 项（重大隐患 ${ledger.counts.major} 项），已验收销号 ${ledger.counts.closed} 项，逾期未整改 ${ledger.counts.overdue} 项（截至 ${ledger.today}）。`,
  });
  if (ledger.inspections.length > 0)
    content.push(
      grid(
        ['检查时间', '检查类型', '受检单位', '检查人', '问题', '未销号'],
        ledger.inspections.map((i) => [i.date, INSPECTION_KIND_NAMES[i.kind], `${INSPECTION_SCOPE_NAMES[i.scope]}：${i.unit}`, i.inspectors, i.findings, i.openFindings]),
        [55, 110, '*', 80, 30, 35],
      ),
    );
  if (ledger.findings.length > 0) content.push(grid([...LEDGER_COLUMNS], ledgerRows(ledger, fmtAt), [16, 40, 50, '*', 30, 60, 40, 40, 55, 30, 40]));
  content.push({ text: `台账记录链头：${ledger.head}`, fontSize: 8 });
  content.push({ text: '档案管理人签字：________________　　　　日期：______年____月____日', margin: [0, 30, 0, 0] });
  const { fingerprint } = await ports.store.signing.peek();
  if (fingerprint) content.push({ text: `本档案的清单由${meta.enterprise || '本企业'}的签名密钥签署。公钥指纹（SHA-256）：${fingerprint}`, fontSize: 7, color: '#555555', margin: [0, 16, 0, 0] });
  return {
    pageSize: 'A4',
    pageMargins: [45, 50, 45, 55],
    info: { title: `一期一档 ${c.name}`, creator: '安学 Anxue', producer: '安学 Anxue' },
    footerText: c.name,
    content,
    styles: { title: { fontSize: 20, bold: true, alignment: 'center', margin: [0, 120, 0, 6] }, h1: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] } },
  };
}

/**
 * The campaign's own files, written into `outDir` (the archive being made): the ledgers first, each
 * streamed or written as soon as it is made, then the PDF in parts, printed by `print` (a worker
 * thread in a batch) once nothing else is held. Returns the head of the 问题台账 chain (for the manifest).
 */
export async function writeCampaignFiles(
  ports: Ports,
  campaignId: string,
  records: readonly PersonRecord[],
  outDir: string,
  print: (doc: PartedDocument) => Promise<Buffer> = renderParts,
): Promise<{ ledgerHead: string }> {
  const put = (name: string, data: Buffer | string) => {
    ports.files.mkdir(path.dirname(path.join(outDir, name)));
    ports.files.write(path.join(outDir, name), data);
  };
  const b = (x: { base64: string }) => Buffer.from(x.base64, 'base64');
  // each ledger leaves tens of MB of garbage for 3,000 people: collected before the next is made
  await writeHoursLedger(ports, campaignId, path.join(outDir, 'ledger.xlsx'));
  collectIfGrown();
  put('scores.xlsx', b(await scoreSheet(ports, { campaignId })));
  collectIfGrown();
  put('findings.xlsx', b(await ledgerXlsx(ports, { campaignId })));
  // the whole 问题台账 chain (it is one chain for every campaign) and the photos it names
  const { entries } = await ports.store.inspections.read();
  const ledgerHead = chainHead(entries);
  put(FINDINGS_FILE, JSON.stringify({ format: 'anxue-findings-ledger', formatVersion: 1, head: ledgerHead, entries }, null, 2) + '\n');
  for (const ref of ledgerPhotos(entries)) {
    const data = await ports.store.files.get(ref.sha256);
    if (!data) throw notFound('archive.photoMissing', { name: ref.name, sha256: ref.sha256 });
    put(evidencePath(ref), data);
  }
  // in parts of a few hundred rows: the PDF of 3,000 people is never laid out all at once
  const { content, ...rest } = await campaignPdfDefinition(ports, campaignId, records);
  collectIfGrown();
  put('campaign.pdf', await print({ ...rest, parts: splitIntoParts(content as Content[]) }));
  return { ledgerHead };
}
