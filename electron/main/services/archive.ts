// 一人一档: one person's training file as a PDF, the same data as JSON, and a manifest of SHA-256
// hashes with the head of the person's record chain. `verifyArchiveDir` detects any change.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { around } from '../../core/bilingual';
import { canonicalJson } from '../../core/canonical';
import { REPORT_PART_NAMES, REPORT_PARTS, REPORT_STATUS_NAMES } from '../../core/duty-report';
import type { FileKind, FileRef } from '../../core/evidence';
import type { LedgerEntry } from '../../core/inspection';
import { COLLECTIVE_TYPE_NAMES, ESSAY_PART_TITLES, partsFor, REPORT_LEVEL_NAMES, targetFor, type Campaign, type Person, type Question } from '../../core/model';
import { toCreditHours, toHours } from '../../core/study-time';
import type { ExportResult, VerifyReport } from '../../shared/api';
import type { PersonFile } from '../../records/person';
import { chainHead, verifyChain, type PersonEvent } from '../../records/events';
import { summarize } from './campaign';
import { attendedSessions, bestResult, essayState, eventsOf, quizResults, studyTotals } from '../../records/derive';
import { conflict, notFound } from './errors';
import { checkRecords, makeCheckpoint, signatureHolds, signBytes, type Signature } from './signing';
import { iso, type Ports } from './ports';
import { renderPdf } from './pdf';
import { statementsFor, xapiIds } from './xapi';
import { attemptQuestions, questionSha, questionVersions, type QuestionVersions } from './question-versions';
import { unzipTo, walk, ZIP_LIMITS, ZipEntryDamaged, ZipProblem } from './zip-folder';

export const RECORD_FILE = 'record.json';
export const PDF_FILE = 'training-file.pdf';
export const MANIFEST_FILE = 'manifest.json';
/** the enterprise's signature of manifest.json (services/signing.ts) */
export const SIGNATURE_FILE = 'manifest.sig';
export const XLSX_FILE = 'training-file.xlsx';
export const XAPI_FILE = 'xapi.json';


const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const EXT: Record<FileKind, string> = { jpeg: 'jpg', png: 'png', pdf: 'pdf', docx: 'docx', xlsx: 'xlsx' };
/** where an evidence file lies in an archive, next to the record that names it */
export const evidencePath = (ref: Pick<FileRef, 'sha256' | 'kind'>) => `files/${ref.sha256}.${EXT[ref.kind]}`;

export const FINDINGS_FILE = 'findings.json';

/** Every photo the 问题台账 names (findings and rectifications), each once. */
export function ledgerPhotos(entries: readonly LedgerEntry[]): FileRef[] {
  const out = new Map<string, FileRef>();
  for (const e of entries) if (e.type === 'finding.recorded' || e.type === 'finding.rectified') for (const p of e.data.photos) out.set(p.sha256, p);
  return [...out.values()];
}

/** The evidence files a person's records name (述职 attachments), each once. */
export function evidenceRefs(events: readonly PersonEvent[]): FileRef[] {
  const out = new Map<string, FileRef>();
  for (const e of events) if (e.type === 'report.submitted') for (const a of e.data.attachments) out.set(a.sha256, a);
  return [...out.values()];
}

/** The bytes of those files, to go into the archive under `files/`. */
export async function evidenceFiles(ports: Ports, refs: readonly FileRef[]): Promise<{ name: string; data: Buffer }[]> {
  const out: { name: string; data: Buffer }[] = [];
  for (const ref of refs) {
    const data = await ports.store.files.get(ref.sha256);
    if (!data) throw new Error(`证据文件「${ref.name}」（${ref.sha256}）不在数据中，无法归档`);
    out.push({ name: evidencePath(ref), data });
  }
  return out;
}

interface CampaignRecord {
  campaign: ReturnType<typeof summarize>;
  /** self-study + collective sessions */
  studiedMs: number;
  selfMs: number;
  collectiveMs: number;
  creditHours: number;
  quiz: ReturnType<typeof quizResults>;
  essayStatus: string;
}

export interface PersonRecord {
  format: 'anxue-person-record';
  formatVersion: 1;
  enterprise: string;
  person: Person;
  minutesPerCreditHour: number;
  utcOffsetMinutes: number;
  campaigns: CampaignRecord[];
  events: PersonEvent[];
  /** the versions of the questions the attempts name (by id, version and digest: `paper` in quiz.submitted) */
  questions: Question[];
  chainHead: string;
  /** the fingerprint (SHA-256) of the enterprise's signing key, which signs the archive's manifest */
  signingKey: string | null;
  /** declared timestamp: the only field that differs between two exports of the same data */
  exportedAt: string;
  exportedBy: string;
}

/** The question versions an archived record carries, by digest. */
export function recordVersions(record: Pick<PersonRecord, 'questions'>): QuestionVersions {
  return new Map((record.questions ?? []).map((q) => [questionSha(q), q]));
}

/** The bank's versions of every question a person's attempts refer to, in the order first named. */
function referencedQuestions(events: readonly PersonEvent[], versions: QuestionVersions): Question[] {
  const out = new Map<string, Question>();
  for (const e of events) {
    if (e.type !== 'quiz.submitted' || !e.data.paper) continue;
    const qs = attemptQuestions(e.data, versions);
    e.data.paper.forEach((r, i) => {
      if (!out.has(r.sha)) out.set(r.sha, { ...qs[i]!, score: versions.get(r.sha)?.score ?? r.score });
    });
  }
  return [...out.values()];
}

export async function buildPersonRecord(ports: Ports, employeeNo: string, by: string): Promise<PersonRecord> {
  // peek, not read: a batch of 3,000 must not copy the whole roster 3,000 times
  const found = (await ports.store.roster.peek()).people.find((x) => x.employeeNo === employeeNo);
  if (!found) throw notFound(`花名册中没有工号 ${employeeNo} / ${employeeNo} is not on the roster`);
  const { updatedAt: _u, ...person } = structuredClone(found) as Person & { updatedAt?: string };
  const meta = await ports.store.meta.peek();
  const stored = await ports.store.person(employeeNo).read();
  // The archive holds records only: a study session still open is not yet a record.
  const f: PersonFile = { ...stored, open: { study: null, quiz: {}, essayDrafts: {} } };
  const campaigns = (await ports.store.campaigns.peek()).campaigns as Campaign[];
  const involved = campaigns.filter((c) => f.events.some((e) => 'campaignId' in e.data && e.data.campaignId === c.id));
  const now = ports.clock.now();
  return {
    format: 'anxue-person-record',
    formatVersion: 1,
    enterprise: meta.enterprise ?? '',
    person,
    minutesPerCreditHour: meta.settings.minutesPerCreditHour,
    utcOffsetMinutes: meta.settings.utcOffsetMinutes,
    campaigns: involved.map((c) => {
      const t = studyTotals(f, c, meta.settings, now, person.category);
      return {
        campaign: summarize(c),
        studiedMs: t.campaignMs,
        selfMs: t.selfMs,
        collectiveMs: t.collectiveMs,
        creditHours: toCreditHours(t.campaignMs, meta.settings.minutesPerCreditHour),
        quiz: quizResults(f, c.id),
        essayStatus: essayState(f, c.id).status,
      };
    }),
    events: f.events,
    questions: referencedQuestions(f.events, await questionVersions(ports)),
    chainHead: chainHead(f.events),
    signingKey: (await ports.store.signing.peek()).fingerprint,
    exportedAt: iso(now),
    exportedBy: by,
  };
}

/** Plant local time for people (the offset is a setting); the JSON keeps ISO UTC. */
function timeFormatter(utcOffsetMinutes: number) {
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
function reviewText(r: { comment: string; partComments?: { part: keyof typeof ESSAY_PART_TITLES; comment: string; quote: string }[]; override?: string; similarity?: number }): string {
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
  c.push({ text: `${REPORT_LEVEL_NAMES[last.data.level]}述职，向${last.data.toName}${last.data.to === 'bureau' ? '' : `（${last.data.to}）`}报告；状态：${REPORT_STATUS_NAMES[status]}；第 ${last.data.version} 稿，提交于 ${fmtTime(last.at)}，${last.data.total} 字。` });
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
        reviews.map((x) => [fmtTime(x.at), String(x.data.version), x.data.bureau ? `县应急管理局（${x.by} 录入）` : x.by, x.data.decision === 'accept' ? '通过' : '退回修改', x.data.comment || '—', x.data.score ? String(x.data.score.total) : '—']),
        [75, 28, 70, 45, '*', 35],
      ),
    );
    const scored = reviews.filter((x) => x.data.score).at(-1);
    if (scored?.data.score) {
      c.push({ text: '计分表', bold: true, margin: [0, 4, 0, 2] });
      c.push(table(['计分项目', '分值', '得分'], [...scored.data.score.sheet.map((it, i) => [it.name, String(it.max), String(scored.data.score!.points[i])]), ['合计', String(scored.data.score.sheet.reduce((a, b) => a + b.max, 0)), String(scored.data.score.total)]], ['*', 50, 50]));
    }
  }
  return c;
}

export function personPdfDefinition(r: PersonRecord, campaigns: Campaign[]): TDocumentDefinitions {
  const c: Content[] = [];
  const p = r.person;
  const fmtTime = timeFormatter(r.utcOffsetMinutes);
  c.push({ text: '安全生产教育和培训档案', style: 'title' });
  c.push({ text: '（一人一档）', alignment: 'center', margin: [0, 0, 0, 12] });
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
  if (r.campaigns.length === 0) c.push({ text: '本期间暂无培训记录。', margin: [0, 8] });
  for (const cr of r.campaigns) {
    const full = campaigns.find((x) => x.id === cr.campaign.id);
    c.push({ text: cr.campaign.name, style: 'h1' });
    c.push({ text: `培训时间：${cr.campaign.start} 至 ${cr.campaign.end}；集中学习：${cr.campaign.studyStart} 至 ${cr.campaign.studyEnd}` });
    c.push({ text: `参加人员：${p.name}（${p.employeeNo}）` });
    c.push({ text: '一、学习记录（培训时间与内容）', style: 'h2' });
    const attended = attendedSessions({ events: r.events } as PersonFile, cr.campaign.id);
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
    c.push({ text: '自学（计算机上阅读）', bold: true, margin: [0, 4, 0, 2] });
    const sessions = r.events.filter((e): e is Extract<PersonEvent, { type: 'study.session' }> => e.type === 'study.session' && e.data.campaignId === cr.campaign.id);
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
    c.push({
      text: `学习合计：${toHours(cr.studiedMs)} 小时（集中学习 ${toHours(cr.collectiveMs ?? 0)} 小时，自学 ${toHours(cr.selfMs ?? cr.studiedMs)} 小时），折合 ${cr.creditHours} 学时（每学时 ${r.minutesPerCreditHour} 分钟）；要求 ${targetFor(cr.campaign, r.person.category)} 学时；${cr.creditHours >= targetFor(cr.campaign, r.person.category) ? '已达到' : '未达到'}要求。`,
      bold: true,
    });
    c.push({ text: '二、考核结果', style: 'h2' });
    const graders = new Map<string, Set<string>>();
    for (const g of eventsOf({ events: r.events } as PersonFile, 'quiz.graded')) {
      const s = graders.get(g.data.attemptId) ?? new Set<string>();
      s.add(g.by);
      graders.set(g.data.attemptId, s);
    }
    c.push(
      cr.quiz.length === 0
        ? { text: '未参加考核。' }
        : table(
            ['交卷时间', '得分', '百分制', '结果', '阅卷人'],
            cr.quiz.map((q) => [
              fmtTime(q.submittedAt),
              `${q.score} / ${q.max}`,
              String(q.percent),
              q.passed === null ? '待阅卷' : q.passed ? `合格（≥${q.passMark}）` : `不合格（<${q.passMark}）`,
              [...(graders.get(q.attemptId) ?? [])].join('、') || '系统自动评分',
            ]),
            [90, 60, 50, '*', 90],
          ),
    );
    const best = bestResult(cr.quiz);
    if (best) c.push({ text: `考核结论：${best.passed === null ? '待阅卷' : best.passed ? '合格' : '不合格'}（最好成绩 ${best.percent} 分）`, bold: true });
    c.push({ text: '三、个人剖析材料', style: 'h2' });
    const subs = r.events.filter((e): e is Extract<PersonEvent, { type: 'essay.submitted' }> => e.type === 'essay.submitted' && e.data.campaignId === cr.campaign.id);
    const reviews = r.events.filter((e): e is Extract<PersonEvent, { type: 'essay.reviewed' }> => e.type === 'essay.reviewed' && e.data.campaignId === cr.campaign.id);
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
        c.push(table(['时间', '稿次', '审阅人', '结论', '意见'], reviews.map((x) => [fmtTime(x.at), String(x.data.version), x.by, x.data.decision === 'accept' ? '通过' : '退回修改', reviewText(x.data)]), [80, 30, 60, 50, '*']));
      }
    }
    const reports = r.events.filter((e): e is Extract<PersonEvent, { type: 'report.submitted' }> => e.type === 'report.submitted' && e.data.campaignId === cr.campaign.id);
    if (reports.length > 0) c.push(...reportSection(r.events, cr.campaign.id, fmtTime));
  }
  c.push({
    margin: [0, 24, 0, 0],
    table: {
      widths: ['*', '*'],
      body: [
        [{ text: '本人签字：________________\n\n日期：______年____月____日', margin: [0, 8] }, { text: '考核人签字：________________\n\n日期：______年____月____日', margin: [0, 8] }],
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

/**
 * Before an export: the people's records against the signed checkpoints (a rewrite is refused,
 * naming the person and record), then a checkpoint of now, when the key is unlocked.
 */
export async function checkBeforeExport(ports: Ports, employeeNos: readonly string[]): Promise<void> {
  const problems = await checkRecords(ports, employeeNos);
  if (problems.length > 0) throw conflict(`记录与封印或签名检查点不符，不能导出：${problems.slice(0, 3).join('；')}${problems.length > 3 ? `（共 ${problems.length} 处）` : ''} / the records no longer match their seals or a signed checkpoint`);
  await makeCheckpoint(ports, 'export', employeeNos);
}

/**
 * Write the archive into outDir/<exportId>/. It is built in a hidden folder and renamed into place,
 * so no half-written archive ever looks complete.
 */
export async function exportPersonTo(ports: Ports, employeeNo: string, outDir: string, by: string): Promise<ExportResult> {
  // a record rewritten after a signed checkpoint is not exported as if it were true
  await checkBeforeExport(ports, [employeeNo]);
  const record = await buildPersonRecord(ports, employeeNo, by);
  const { campaigns } = await ports.store.campaigns.read();
  const recordJson = JSON.stringify(JSON.parse(canonicalJson(record)), null, 2) + '\n';
  const pdf = await renderPdf(personPdfDefinition(record, campaigns));
  const stamp = record.exportedAt.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  let exportId = `${employeeNo}-${stamp}`;
  for (let i = 2; existsSync(path.join(outDir, exportId)); i++) exportId = `${employeeNo}-${stamp}-${i}`;
  const { enterprise } = await ports.store.meta.read();
  const xapi = statementsFor(record.person, record.events, { ...xapiIds(enterprise ?? ''), questions: recordVersions(record) });
  const files = [
    { name: RECORD_FILE, data: Buffer.from(recordJson, 'utf8') },
    { name: PDF_FILE, data: pdf },
    { name: XLSX_FILE, data: await personWorkbookRows([record]) },
    { name: XAPI_FILE, data: Buffer.from(JSON.stringify(xapi, null, 2) + '\n', 'utf8') },
    ...(await evidenceFiles(ports, evidenceRefs(record.events))),
  ].map((x) => ({ ...x, sha256: sha256(x.data), bytes: x.data.length }));
  const manifest = {
    format: 'anxue-archive-manifest',
    formatVersion: 1,
    kind: 'person',
    exportId,
    employeeNo,
    createdAt: record.exportedAt,
    chainHeads: { [employeeNo]: record.chainHead },
    eventCount: record.events.length,
    signingKey: record.signingKey,
    files: files.map(({ name, sha256: h, bytes }) => ({ name, sha256: h, bytes })),
  };
  const manifestText = JSON.stringify(manifest, null, 2) + '\n';
  const signature = await signBytes(ports, MANIFEST_FILE, manifestText);
  mkdirSync(outDir, { recursive: true });
  const tmp = path.join(outDir, `.partial-${exportId}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  if (files.some((f) => f.name.startsWith('files/'))) mkdirSync(path.join(tmp, 'files'));
  for (const f of files) writeFileSync(path.join(tmp, f.name), f.data);
  writeFileSync(path.join(tmp, MANIFEST_FILE), manifestText);
  if (signature) writeFileSync(path.join(tmp, SIGNATURE_FILE), JSON.stringify(signature, null, 2) + '\n');
  renameSync(tmp, path.join(outDir, exportId));
  await ports.store.exports.update((x) => {
    x.exports.push({ exportId, employeeNo, campaignId: '', at: record.exportedAt, by, manifestSha256: sha256(manifestText) });
  });
  return { exportId, folder: path.join(outDir, exportId), files: manifest.files };
}

/**
 * The export id an archive's name stands for: the name of its folder (or of its .zip, less
 * `.zip`), as the exporter named it — or a copy of it, as a file manager or a browser names one
 * (" (2)", " - 副本", " - Copy", " copy 2"). No export id holds a space (工号 are letters, digits,
 * - and _; batch names have spaces replaced), so a copy's name never spells another export's id.
 */
export function nameFitsExportId(name: string, exportId: string): boolean {
  if (name === exportId) return true;
  return name.startsWith(exportId) && /^ (?:\(\d+\)|- (?:副本|copy)(?: \(\d+\))?|(?:副本|copy)(?: \d+)?)$/i.test(name.slice(exportId.length));
}

/**
 * Check an archive folder (one person's, or a batch / campaign archive with people/<工号>/…):
 * every file against the manifest, no file more or less, and each record chain against its head.
 * `asNamed`: the name the archive goes by (its folder's, or its zip's), which must be the export
 * id its manifest holds — so two archives whose contents were swapped (or one renamed to pass for
 * another) are caught. With `expectKey`, an archive that carries no signature is `unsigned`
 * (not proven to be by that key), distinct from altered.
 */
export function verifyArchiveDir(dir: string, expectedManifestSha256?: string, expectKey?: string, asNamed?: string): VerifyReport {
  const problems: string[] = [];
  const mPath = path.join(dir, MANIFEST_FILE);
  if (!existsSync(mPath)) return { ok: false, problems: [`缺少清单文件 ${MANIFEST_FILE}：导出未完成，或清单被删除 / ${MANIFEST_FILE} is missing: the export did not finish, or the manifest was deleted`] };
  const mText = readFileSync(mPath);
  if (expectedManifestSha256 && sha256(mText) !== expectedManifestSha256) problems.push(`${MANIFEST_FILE} 与导出时登记的不一致：清单被修改 / ${MANIFEST_FILE} is not the one registered at export: the manifest was changed`);
  let manifest: { exportId?: unknown; files?: { name: string; sha256: string; bytes: number }[]; chainHeads?: Record<string, string>; eventCount?: number; eventCounts?: Record<string, number>; ledgerHead?: string };
  try {
    manifest = JSON.parse(mText.toString('utf8'));
  } catch {
    return { ok: false, problems: [`${MANIFEST_FILE} 无法解析：清单被修改或损坏 / ${MANIFEST_FILE} cannot be read: the manifest was changed or damaged`] };
  }
  if (asNamed !== undefined) {
    // every manifest has carried its export id, and the exporter names the folder (or zip) by it
    if (typeof manifest.exportId !== 'string') problems.push(`${MANIFEST_FILE} 中没有导出编号：清单被修改 / ${MANIFEST_FILE} holds no export id: the manifest was changed`);
    else if (!nameFitsExportId(asNamed, manifest.exportId)) problems.push(`档案名称「${asNamed}」与清单中的导出编号 ${manifest.exportId} 不符：档案被改名，或与另一份档案调换了内容 / the archive's name “${asNamed}” is not the export id ${manifest.exportId} in its manifest: it was renamed, or its contents were swapped with another archive's`);
  }
  const listed = new Set<string>([MANIFEST_FILE]);
  // the enterprise's signature of the manifest, and whether it is the key the inspector was given
  const signedBy = signatureOf(dir, mText, problems);
  const hasSignature = existsSync(path.join(dir, SIGNATURE_FILE));
  if (hasSignature) listed.add(SIGNATURE_FILE);
  // no signature at all: not proven to be by the key (an export made while the key was locked, or
  // its signature removed) — said apart from any change found below
  const unsigned = expectKey !== undefined && !hasSignature;
  if (expectKey && signedBy !== null && signedBy !== expectKey) problems.push(`清单由另一把密钥签署：${signedBy}（应为 ${expectKey}） / the manifest was signed by another key: ${signedBy} (expected ${expectKey})`);
  for (const f of manifest.files ?? []) {
    if (f.name.split('/').some((x) => x === '..' || x === '') || path.isAbsolute(f.name)) {
      problems.push(`清单中的文件名不合法：${f.name} / a file name in the manifest is not valid: ${f.name}`);
      continue;
    }
    listed.add(f.name);
    const p = path.join(dir, ...f.name.split('/'));
    if (!existsSync(p)) {
      problems.push(`缺少文件 ${f.name} / the file ${f.name} is missing`);
      continue;
    }
    if (sha256(readFileSync(p)) !== f.sha256) problems.push(`文件 ${f.name} 的 SHA-256 与清单不符：文件被修改 / the SHA-256 of ${f.name} does not match the manifest: the file was changed`);
  }
  for (const name of walk(dir)) if (!listed.has(name)) problems.push(`多出清单中没有的文件 ${name} / an extra file the manifest does not list: ${name}`);
  // every record file: its chain intact, its head and count as the manifest recorded them
  const recordFiles = walk(dir).filter((n) => n === RECORD_FILE || /^people\/[^/]+\/record\.json$/.test(n));
  for (const no of Object.keys(manifest.chainHeads ?? {})) {
    if (!recordFiles.some((n) => n === RECORD_FILE || n === `people/${no}/${RECORD_FILE}`)) problems.push(`缺少 ${no} 的记录文件 / the record file of ${no} is missing`);
  }
  for (const name of recordFiles) {
    try {
      const rec = JSON.parse(readFileSync(path.join(dir, ...name.split('/')), 'utf8')) as PersonRecord;
      const no = rec.person?.employeeNo ?? '';
      problems.push(...verifyChain(rec.events ?? []).map((x) => `${name}：${x}`));
      const head = chainHead(rec.events ?? []);
      const expected = manifest.chainHeads?.[no];
      if (expected !== head || rec.chainHead !== head) problems.push(`${name}：记录链头与清单不符，记录被修改、删除或添加 / ${name}: the head of the record chain does not match the manifest: records were changed, deleted or added`);
      // every evidence file a record names is there, with the bytes its hash names
      const folder = name.slice(0, -RECORD_FILE.length);
      for (const ref of evidenceRefs(rec.events ?? [])) {
        const f = path.join(dir, ...`${folder}${evidencePath(ref)}`.split('/'));
        if (!existsSync(f)) problems.push(`${name}：缺少记录所附的文件「${ref.name}」（${folder}${evidencePath(ref)}） / ${name}: the file “${ref.name}” the record names is missing (${folder}${evidencePath(ref)})`);
        else if (sha256(readFileSync(f)) !== ref.sha256) problems.push(`${name}：记录所附的文件「${ref.name}」与记录中的哈希不符：文件被替换 / ${name}: the file “${ref.name}” does not match the hash in the record: it was replaced`);
      }
      const count = manifest.eventCounts?.[no] ?? manifest.eventCount;
      if (count !== undefined && count !== (rec.events ?? []).length) problems.push(`${name}：记录条数 ${(rec.events ?? []).length} 与清单的 ${count} 不符 / ${name}: ${(rec.events ?? []).length} records where the manifest says ${count}`);
    } catch {
      problems.push(`${name} 无法解析：文件被修改或损坏 / ${name} cannot be read: the file was changed or damaged`);
    }
  }
  problems.push(...verifyFindings(dir, manifest.ledgerHead));
  if (unsigned) {
    problems.push(`未签名：清单没有签名，不能证明由密钥 ${expectKey} 签署（导出时签名密钥未解锁，或签名被删除） / not signed: the manifest carries no signature, so it is not proven to be by the key ${expectKey} (exported while the key was locked, or the signature was removed)`);
    // unsigned and nothing else wrong: said as such; with other problems it is altered
    if (problems.length === 1) return { ok: false, unsigned: true, problems, signedBy: null };
  }
  return { ok: problems.length === 0, problems, signedBy };
}

/** The fingerprint whose valid signature manifest.sig holds, or null (no signature; a broken one is a problem). */
function signatureOf(dir: string, manifestBytes: Buffer, problems: string[]): string | null {
  const f = path.join(dir, SIGNATURE_FILE);
  if (!existsSync(f)) return null;
  let sig: Signature;
  try {
    sig = JSON.parse(readFileSync(f, 'utf8')) as Signature;
  } catch {
    problems.push(`${SIGNATURE_FILE} 无法解析：签名被修改或损坏 / ${SIGNATURE_FILE} cannot be read: the signature was changed or damaged`);
    return null;
  }
  if (!signatureHolds(sig, manifestBytes)) {
    problems.push(`${SIGNATURE_FILE}：签名与 ${MANIFEST_FILE} 不符，清单或签名被改动 / ${SIGNATURE_FILE}: the signature does not fit ${MANIFEST_FILE}: the manifest or the signature was changed`);
    return null;
  }
  return sig.fingerprint;
}

/** The campaign's 问题台账 (findings.json): its chain intact, its head as the manifest says, every photo it names there with its bytes. */
function verifyFindings(dir: string, ledgerHead: string | undefined): string[] {
  const f = path.join(dir, FINDINGS_FILE);
  if (!existsSync(f)) return ledgerHead === undefined ? [] : [`缺少问题台账 ${FINDINGS_FILE} / the findings ledger ${FINDINGS_FILE} is missing`];
  const problems: string[] = [];
  try {
    const ledger = JSON.parse(readFileSync(f, 'utf8')) as { head?: string; entries?: LedgerEntry[] };
    const entries = ledger.entries ?? [];
    problems.push(...verifyChain(entries).map((x) => `${FINDINGS_FILE}：${x.replace(/^记录/, '台账记录')}`));
    const head = chainHead(entries);
    if (ledger.head !== head || ledgerHead !== head) problems.push(`${FINDINGS_FILE}：台账记录链头与清单不符，记录被修改、删除或添加 / ${FINDINGS_FILE}: the head of the ledger chain does not match the manifest: entries were changed, deleted or added`);
    for (const ref of ledgerPhotos(entries)) {
      const p = path.join(dir, ...evidencePath(ref).split('/'));
      if (!existsSync(p)) problems.push(`${FINDINGS_FILE}：缺少台账所附的照片「${ref.name}」（${evidencePath(ref)}） / ${FINDINGS_FILE}: the photo “${ref.name}” the ledger names is missing (${evidencePath(ref)})`);
      else if (sha256(readFileSync(p)) !== ref.sha256) problems.push(`${FINDINGS_FILE}：台账所附的照片「${ref.name}」与台账中的哈希不符：照片被替换 / ${FINDINGS_FILE}: the photo “${ref.name}” does not match the hash in the ledger: it was replaced`);
    }
  } catch {
    problems.push(`${FINDINGS_FILE} 无法解析：文件被修改或损坏 / ${FINDINGS_FILE} cannot be read: the file was changed or damaged`);
  }
  return problems;
}

/** What verify found at a path: each archive and how it stands. */
export interface ArchiveCheck {
  /** where it is; inside a .zip: the zip's path, then the folder in it (`a.zip/E001-…`) */
  path: string;
  outcome: 'intact' | 'altered' | 'unsigned' | 'unreadable';
  problems: string[];
  /** the key that signed it (its fingerprint), or null */
  signedBy: string | null;
}

const checkOf = (at: string, r: VerifyReport): ArchiveCheck => ({ path: at, outcome: r.ok ? 'intact' : r.unreadable ? 'unreadable' : r.unsigned ? 'unsigned' : 'altered', problems: r.problems, signedBy: r.signedBy ?? null });

/**
 * The files the exporter writes into an archive, besides its manifest: a folder holding one of
 * them (or a person's folder under people/, or an evidence file named by its hash under files/)
 * is an export, and without its manifest it was altered, not "something else".
 */
const EXPORT_FILES = [RECORD_FILE, PDF_FILE, XLSX_FILE, SIGNATURE_FILE, FINDINGS_FILE, 'campaign.pdf'];
function exportTells(dir: string): string[] {
  const tells = EXPORT_FILES.filter((n) => existsSync(path.join(dir, n)));
  const sub = (name: string) => {
    const d = path.join(dir, name);
    return existsSync(d) && statSync(d).isDirectory() ? readdirSync(d) : [];
  };
  if (sub('people').some((no) => existsSync(path.join(dir, 'people', no, RECORD_FILE)))) tells.push(`people/…/${RECORD_FILE}`);
  if (sub('files').some((n) => /^[0-9a-f]{64}\.[a-z]+$/.test(n))) tells.push('files/…');
  return tells;
}

/** Folders the exporter itself leaves while it works (an unfinished export, its job list): not archives yet. */
const isExporterWork = (name: string) => name.startsWith('.partial-') || name === '.anxue-jobs';

/** How deep below the path verify looks for archives, and how many zips inside a zip it opens. */
const MAX_DEPTH = 6;
const MAX_ZIP_NESTING = 1;

/**
 * Every archive in the folder `dir` (shown as `shown`): the folder itself when it holds a manifest
 * (its name, `asNamed`, checked against the manifest's export id), or, when it looks like an
 * export without one, that; else every archive folder and .zip below it. A folder whose name
 * starts with a dot is looked at only if it is an archive or looks like one (not descended into),
 * and the exporter's unfinished work is left out.
 */
async function checkFolder(dir: string, shown: string, asNamed: string, expectKey: string | undefined, depth: number, zips: number): Promise<ArchiveCheck[]> {
  if (existsSync(path.join(dir, MANIFEST_FILE))) return [checkOf(shown, verifyArchiveDir(dir, undefined, expectKey, asNamed))];
  const tells = exportTells(dir);
  if (tells.length > 0) {
    return [{ path: shown, outcome: 'altered', signedBy: null, problems: [`${asNamed} 看起来是安学导出的档案（有 ${tells.join('、')}），但缺少清单 ${MANIFEST_FILE}：清单被删除，或导出未完成 / ${asNamed} looks like an Anxue export (it holds ${tells.join(', ')}) but has no ${MANIFEST_FILE}: the manifest was deleted, or the export did not finish`] }];
  }
  if (depth >= MAX_DEPTH) return [];
  const out: ArchiveCheck[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) {
      if (isExporterWork(name)) continue;
      if (name.startsWith('.') && !existsSync(path.join(full, MANIFEST_FILE)) && exportTells(full).length === 0) continue;
      out.push(...(await checkFolder(full, `${shown}/${name}`, name, expectKey, depth + 1, zips)));
    } else if (name.toLowerCase().endsWith('.zip')) out.push(...(await checkZip(full, `${shown}/${name}`, expectKey, zips, depth + 1)));
  }
  return out;
}

/**
 * The archives in a .zip, unpacked (within ZIP_LIMITS.verify) into a temporary folder: the zip
 * itself when its manifest is at the top (as `export batch --zip` makes it; its file name then
 * stands for the export id), or the export folders in it — one or several at its top, as
 * Windows' "Send to → Compressed folder" makes it, or an --out folder zipped whole. A zip that
 * cannot be read, is refused as too large, or holds no export is not an archive (`unreadable`);
 * one with an entry whose bytes are damaged was changed (`altered`).
 */
async function checkZip(zip: string, shown: string, expectKey: string | undefined, zips: number, depth: number, expectedManifestSha256?: string): Promise<ArchiveCheck[]> {
  const label = path.basename(zip);
  if (zips > MAX_ZIP_NESTING) return [{ path: shown, outcome: 'unreadable', signedBy: null, problems: [`${label} 在 zip 中的 zip 里：请先解压外层再校验 / ${label} is a zip inside a zip inside a zip: unpack the outer ones first`] }];
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'anxue-verify-'));
  try {
    try {
      await unzipTo(zip, tmp, ZIP_LIMITS.verify);
    } catch (e) {
      // a readable zip with one damaged entry was changed; a file that is no zip is no archive
      if (e instanceof ZipEntryDamaged) return [{ path: shown, outcome: 'altered', signedBy: null, problems: [e.message] }];
      if (e instanceof ZipProblem) return [{ path: shown, outcome: 'unreadable', signedBy: null, problems: [around(e.message, (m) => `${label} 不是可读的 .zip 档案：${m}`, (m) => `${label} is not a readable .zip archive: ${m}`)] }];
      throw e;
    }
    const asNamed = label.replace(/\.zip$/i, '');
    if (existsSync(path.join(tmp, MANIFEST_FILE))) return [checkOf(shown, verifyArchiveDir(tmp, expectedManifestSha256, expectKey, asNamed))];
    const found = await checkFolder(tmp, shown, asNamed, expectKey, depth, zips + 1);
    if (found.length === 0) return [{ path: shown, outcome: 'unreadable', signedBy: null, problems: [`${label} 中没有 ${MANIFEST_FILE}，也没有带它的文件夹：这不是安学导出的档案 / ${label} holds no ${MANIFEST_FILE}, nor a folder with one: it is not an Anxue archive`] }];
    return found;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Check every archive at a path: an archive folder, a folder of archives (an --out folder), or a
 * .zip of either (see checkFolder, checkZip).
 */
export async function verifyAll(p: string, expectKey?: string): Promise<ArchiveCheck[]> {
  if (!existsSync(p)) return [];
  const at = path.resolve(p);
  if (statSync(at).isDirectory()) return checkFolder(at, at, path.basename(at), expectKey, 0, 0);
  if (at.toLowerCase().endsWith('.zip')) return checkZip(at, at, expectKey, 0, 0);
  return [];
}

/**
 * One archive: a folder, or a .zip (unpacked into a temporary folder first). A .zip that cannot be
 * read, or holds no manifest, is not an archive: `unreadable`, never "altered". A zip holding
 * several archives is intact only when each one is.
 */
export async function verifyArchivePath(p: string, expectedManifestSha256?: string, expectKey?: string): Promise<VerifyReport> {
  const at = path.resolve(p);
  if (!at.toLowerCase().endsWith('.zip')) return verifyArchiveDir(at, expectedManifestSha256, expectKey, path.basename(at));
  const found = await checkZip(at, at, expectKey, 0, 0, expectedManifestSha256);
  if (found.length === 1) {
    const f = found[0]!;
    return { ok: f.outcome === 'intact', problems: f.problems, signedBy: f.signedBy, ...(f.outcome === 'unreadable' ? { unreadable: true } : f.outcome === 'unsigned' ? { unsigned: true } : {}) };
  }
  const bad = found.filter((f) => f.outcome !== 'intact');
  const problems = bad.flatMap((f) => f.problems.map((x) => around(x, (m) => `${path.relative(at, f.path) || path.basename(at)}：${m}`, (m) => `${path.relative(at, f.path) || path.basename(at)}: ${m}`)));
  const signers = new Set(found.map((f) => f.signedBy));
  return { ok: bad.length === 0, problems, signedBy: signers.size === 1 ? [...signers][0]! : null, ...(bad.length > 0 && bad.every((f) => f.outcome === 'unreadable') ? { unreadable: true } : bad.length > 0 && bad.every((f) => f.outcome === 'unsigned') ? { unsigned: true } : {}) };
}

export async function verifyExport(ports: Ports, exportId: string): Promise<VerifyReport> {
  const { exports } = await ports.store.exports.read();
  const rec = exports.find((x) => x.exportId === exportId);
  if (!rec) throw notFound(`没有这个导出：${exportId} / there is no export ${exportId}`);
  // signed (it was exported while the key was unlocked): it must be by this enterprise's key
  const own = (await ports.store.signing.peek()).fingerprint;
  const dir = path.join(ports.store.exportsDir(), exportId);
  const signed = existsSync(path.join(dir, SIGNATURE_FILE));
  return verifyArchivePath(dir, rec.manifestSha256, signed && own ? own : undefined);
}

export async function exportFile(ports: Ports, exportId: string, name: string): Promise<{ name: string; base64: string }> {
  const { exports } = await ports.store.exports.read();
  if (!exports.some((x) => x.exportId === exportId)) throw notFound(`没有这个导出：${exportId} / there is no export ${exportId}`);
  const p = path.join(ports.store.exportsDir(), exportId, path.basename(name));
  if (!existsSync(p)) throw notFound(`导出中没有文件 ${name} / the export has no file ${name}`);
  return { name, base64: readFileSync(p).toString('base64') };
}

/**
 * The training file as spreadsheet rows: one sheet per kind of record (people, study sessions,
 * collective sessions, quiz attempts, essays), one row per record, for one person or for many.
 */
/**
 * The training file as spreadsheet rows, one person at a time: with a file, rows are streamed to
 * it as they are added (a batch of 3,000 never holds them all); without, the workbook is built in
 * memory and `close` returns its bytes.
 */
export async function personWorkbook(toFile?: string): Promise<{ add(r: PersonRecord): void; close(): Promise<Buffer> }> {
  const { default: ExcelJS } = await import('exceljs');
  // many people: streamed to the file row by row (far less memory and time than a workbook in memory)
  const wb = toFile ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: toFile, useStyles: true }) : new ExcelJS.Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const sheet = (name: string, header: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name, { properties: {} } as never) as import('exceljs').Worksheet;
    ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 12 }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const people = sheet('人员', ['工号', '姓名', '部门/车间', '班组', '岗位', '人员类别', '班子成员', '培训计划', '学习小时', '其中集中学习', '其中自学', '学时', '要求学时', '是否达到', '最好成绩', '考核结论', '剖析材料', '记录条数', '记录链头'], [10, 10, 14, 10, 10, 14, 8, 30, 9, 9, 9, 8, 8, 8, 8, 10, 10, 8, 66]);
  const study = sheet('自学记录', ['工号', '姓名', '培训计划', '开始', '结束', '学习内容', '计入分钟', '未计入分钟', '其中闲置', '其中离开/遮挡', '验证 发出/完成/未完成'], [10, 10, 30, 17, 17, 36, 9, 9, 9, 12, 18]);
  const coll = sheet('集中学习', ['工号', '姓名', '培训计划', '日期', '开始', '形式', '主题', '分钟', '地点', '主持/主讲', '记录方式'], [10, 10, 30, 11, 7, 18, 30, 7, 12, 12, 10]);
  const quiz = sheet('考核', ['工号', '姓名', '培训计划', '交卷时间', '得分', '满分', '百分制', '结果', '用时（分钟）', '阅卷人'], [10, 10, 30, 17, 8, 8, 8, 10, 10, 14]);
  const essays = sheet('剖析材料', ['工号', '姓名', '培训计划', '稿次', '提交时间', '字数', '审阅时间', '审阅人', '结论', '意见'], [10, 10, 30, 6, 17, 7, 17, 10, 8, 50]);
  const reports = sheet('履职述职', ['工号', '姓名', '培训计划', '岗位层级', '稿次', '提交时间', '报告对象', '字数', '附件', '审阅时间', '审阅人', '结论', '意见', '得分'], [10, 10, 30, 10, 6, 17, 16, 7, 6, 17, 10, 8, 40, 7]);
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
    put(people, [p.employeeNo, p.name, p.dept, p.team, p.post, p.category, p.leader ? '是' : '否', cr.campaign.name, toHours(cr.studiedMs), toHours(cr.collectiveMs), toHours(cr.selfMs), cr.creditHours, targetFor(cr.campaign, p.category), cr.creditHours >= targetFor(cr.campaign, p.category) ? '是' : '否', best?.percent ?? '', !best ? '未参加' : best.passed === null ? '待阅卷' : best.passed ? '合格' : '不合格', ESSAY_STATUS_TEXT[cr.essayStatus] ?? cr.essayStatus, r.events.length, r.chainHead]);
  }
  if (r.campaigns.length === 0) put(people, [p.employeeNo, p.name, p.dept, p.team, p.post, p.category, p.leader ? '是' : '否', '', '', '', '', '', '', '', '', '', '', r.events.length, r.chainHead]);
  const graders = new Map<string, Set<string>>();
  for (const e of r.events) {
    const cname = 'campaignId' in e.data ? (names.get(e.data.campaignId) ?? '') : '';
    if (e.type === 'study.session') {
      const ex = e.data.excludedMs;
      const sum = Object.values(ex).reduce((a, b) => a + (b ?? 0), 0);
      put(study, [p.employeeNo, p.name, cname, fmt(e.data.startedAt), fmt(e.data.endedAt), e.data.docTitle, Math.floor(e.data.countedMs / 60_000), Math.floor(sum / 60_000), Math.floor((ex.idle ?? 0) / 60_000), Math.floor(((ex.hidden ?? 0) + (ex.unfocused ?? 0) + (ex.locked ?? 0)) / 60_000), e.data.checks ? `${e.data.checks.issued}/${e.data.checks.answered}/${e.data.checks.missed}` : '']);
    } else if (e.type === 'quiz.graded') {
      const g = graders.get(e.data.attemptId) ?? new Set<string>();
      g.add(e.by);
      graders.set(e.data.attemptId, g);
    } else if (e.type === 'essay.submitted') {
      put(essays, [p.employeeNo, p.name, cname, e.data.version, fmt(e.at), e.data.total, '', '', '提交', '']);
    } else if (e.type === 'essay.reviewed') {
      put(essays, [p.employeeNo, p.name, cname, e.data.version, '', '', fmt(e.at), e.by, e.data.decision === 'accept' ? '通过' : '退回修改', reviewText(e.data)]);
    } else if (e.type === 'report.submitted') {
      put(reports, [p.employeeNo, p.name, cname, REPORT_LEVEL_NAMES[e.data.level], e.data.version, fmt(e.at), e.data.to === 'bureau' ? e.data.toName : `${e.data.toName}（${e.data.to}）`, e.data.total, e.data.attachments.length, '', '', '提交', '', '']);
    } else if (e.type === 'report.reviewed') {
      put(reports, [p.employeeNo, p.name, cname, '', e.data.version, '', '', '', '', fmt(e.at), e.data.bureau ? `县应急管理局（${e.by} 录入）` : e.by, e.data.decision === 'accept' ? '通过' : '退回修改', e.data.comment, e.data.score?.total ?? '']);
    }
  }
  for (const cr of r.campaigns) {
    for (const a of attendedSessions({ events: r.events } as PersonFile, cr.campaign.id)) put(coll, [p.employeeNo, p.name, cr.campaign.name, a.date, a.start, COLLECTIVE_TYPE_NAMES[a.type], a.topic, a.durationMinutes, a.place, a.host, a.via === 'self' ? '本人签到' : '安全员登记']);
    for (const q of cr.quiz) put(quiz, [p.employeeNo, p.name, cr.campaign.name, fmt(q.submittedAt), q.score, q.max, q.percent, q.passed === null ? '待阅卷' : q.passed ? '合格' : '不合格', Math.round(q.durationMs / 6000) / 10, [...(graders.get(q.attemptId) ?? [])].join('、') || '系统自动评分']);
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

export async function personWorkbookRows(records: readonly PersonRecord[], toFile?: string): Promise<Buffer> {
  const w = await personWorkbook(toFile);
  for (const r of records) w.add(r);
  return w.close();
}

export const ESSAY_STATUS_TEXT: Record<string, string> = { accepted: '已通过', returned: '退回修改', submitted: '已提交，待审阅', draft: '草稿', not_started: '未开始' };
