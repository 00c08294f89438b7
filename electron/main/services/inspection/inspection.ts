// Inspections and the 问题台账: the office records inspections (kind, who was inspected, checklist)
// and their findings; the 责任人 reports the rectification; an officer other than the 责任人 does
// the 验收. Every change is an entry of one hash chain (inspections.json), photos by their hash.
import { randomUUID } from 'node:crypto';
import { cleanFileName, isPhoto, megabytes, PHOTO_MAX_BYTES, PHOTOS_PER_FINDING, sniffKind, type FileRef } from '../../../core/evidence';
import { foldLedger, HAZARD_LEVEL_NAMES, INSPECTION_KIND_NAMES, isOverdue, type FindingState, type LedgerBodies, type LedgerEntry, type LedgerType } from '../../../core/inspection';
import { COLLECTIVE_TYPE_NAMES, isoDateSchema } from '../../../core/model';
import { localDay } from '../../../core/study-time';
import type { FindingView, Input, InspectionsView, InspectionView } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import { appendLink, chainHead } from '../../../records/events';
import { assertOpen, getCampaign } from '../campaign/campaign';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { iso, type Ports } from '../ports';

const isOffice = (a: Account) => a.roles.some((r) => r === 'officer' || r === 'admin');
const mayReadAll = (a: Account) => isOffice(a) || a.roles.includes('archivist');

async function today(ports: Ports): Promise<string> {
  return localDay(ports.clock.now(), (await ports.store.meta.peek()).settings.utcOffsetMinutes);
}

/** One entry, after `check` (which sees the ledger as it is, and may refuse) and `complete` (which may fill in what check found). */
async function append<K extends LedgerType>(
  ports: Ports,
  by: string,
  type: K,
  data: LedgerBodies[K],
  check?: (entries: LedgerEntry[]) => void,
  complete?: (d: LedgerBodies[K]) => LedgerBodies[K],
): Promise<void> {
  const at = iso(ports.clock.now());
  await ports.store.inspections.update((f) => {
    check?.(f.entries);
    appendLink(f.entries, { type, at, by, data: complete ? complete(data) : data } as Omit<LedgerEntry, 'seq' | 'id' | 'prevHash' | 'hash'>);
  });
}

async function names(ports: Ports): Promise<Map<string, string>> {
  const m = new Map((await ports.store.roster.peek()).people.map((p) => [p.employeeNo, p.name]));
  for (const a of (await ports.store.accounts.peek()).accounts) if (!m.has(a.employeeNo)) m.set(a.employeeNo, a.name);
  return m;
}

function findingView(f: FindingState, inspections: ReturnType<typeof foldLedger>['inspections'], day: string, who: Map<string, string>): FindingView {
  const i = inspections.get(f.inspectionId);
  const people = new Set([f.owner, f.recordedBy, ...f.rectifications.map((r) => r.by), ...f.verifications.map((v) => v.by)]);
  return {
    ...structuredClone(f),
    overdue: isOverdue(f, day),
    inspection: i ? { kind: i.kind, scope: i.scope, unit: i.unit, date: i.date, inspectors: i.inspectors } : null,
    names: Object.fromEntries([...people].map((no) => [no, who.get(no) ?? no])),
  };
}

/** Overdue first, then open by 期限, then closed; the inspections newest first. */
export async function listInspections(ports: Ports, input: Input<'inspection.list'>): Promise<InspectionsView> {
  const c = await getCampaign(ports, input.campaignId);
  const { entries } = await ports.store.inspections.peek();
  const { inspections, findings } = foldLedger(entries as LedgerEntry[]);
  const day = await today(ports);
  const who = await names(ports);
  const mine = [...findings.values()].filter((f) => f.campaignId === c.id);
  const views = mine.map((f) => findingView(f, inspections, day, who));
  const rank = (f: FindingView) => (f.overdue ? 0 : f.status === 'closed' ? 2 : 1);
  views.sort((a, b) => rank(a) - rank(b) || a.due.localeCompare(b.due) || a.seq - b.seq);
  const list: InspectionView[] = [...inspections.values()]
    .filter((i) => i.campaignId === c.id)
    .map((i) => ({ ...structuredClone(i), findings: mine.filter((f) => f.inspectionId === i.id).length, openFindings: mine.filter((f) => f.inspectionId === i.id && f.status !== 'closed').length }))
    .sort((a, b) => b.date.localeCompare(a.date) || b.savedAt.localeCompare(a.savedAt));
  return {
    today: day,
    inspections: list,
    findings: views,
    counts: {
      findings: views.length,
      closed: views.filter((f) => f.status === 'closed').length,
      overdue: views.filter((f) => f.overdue).length,
      major: views.filter((f) => f.level === 'major').length,
    },
    head: chainHead(entries as LedgerEntry[]),
  };
}

export async function saveInspection(ports: Ports, caller: Account, input: Input<'inspection.save'>): Promise<InspectionView> {
  const c = await getCampaign(ports, input.campaignId);
  const id = input.id ?? randomUUID();
  await append(ports, caller.employeeNo, 'inspection.saved', { ...input, id, campaignId: c.id }, (entries) => {
    if (input.id) {
      const was = foldLedger(entries).inspections.get(input.id);
      if (!was) throw notFound('inspection.noSuchInspection');
      if (was.campaignId !== c.id) throw badInput('inspection.inspectionBelongsAnotherCampaign', {}, 'campaignId');
    }
  });
  const v = await listInspections(ports, { campaignId: c.id });
  return v.inspections.find((i) => i.id === id)!;
}

/** A photo: a JPG or PNG (told from its bytes) within the size limit, kept by its hash. */
export async function uploadPhoto(ports: Ports, input: Input<'finding.photo'>): Promise<FileRef> {
  const name = cleanFileName(input.fileName);
  const bytes = Buffer.from(input.base64, 'base64');
  if (bytes.length === 0) throw badInput('common.fileEmptyQuoted', { name }, 'base64');
  if (bytes.length > PHOTO_MAX_BYTES) throw badInput('inspection.photoEachMayMost', { name, size: megabytes(bytes.length), max: megabytes(PHOTO_MAX_BYTES) }, 'base64');
  const kind = sniffKind(bytes, name);
  if (!isPhoto(kind)) throw badInput('inspection.notPhotoJpgPng', { name }, 'fileName');
  const sha256 = await ports.store.files.put(bytes);
  return { sha256, name, bytes: bytes.length, kind };
}

/** Photos named by a record: each one uploaded before and a photo. */
export async function photoRefs(ports: Ports, refs: readonly { sha256: string; name: string }[], field: string): Promise<FileRef[]> {
  if (refs.length > PHOTOS_PER_FINDING) throw badInput('inspection.mostPhotos', { max: PHOTOS_PER_FINDING }, field);
  const out: FileRef[] = [];
  for (const [i, r] of refs.entries()) {
    const bytes = await ports.store.files.get(r.sha256);
    const kind = bytes ? sniffKind(bytes, r.name) : null;
    if (!bytes || !isPhoto(kind)) throw badInput('inspection.photoNotUploadedNot', { name: r.name }, `${field}.${i}`);
    if (!out.some((x) => x.sha256 === r.sha256)) out.push({ sha256: r.sha256, name: cleanFileName(r.name), bytes: bytes.length, kind });
  }
  return out;
}

export async function recordFinding(ports: Ports, caller: Account, input: Input<'finding.record'>): Promise<FindingView> {
  // a closed campaign's inspections are a frozen record: a hazard found later goes in a current
  // campaign's inspection (its findings are still rectified and verified). An inspection never
  // moves to another campaign, so the check need not be repeated in the append below.
  const was = foldLedger((await ports.store.inspections.peek()).entries as LedgerEntry[]).inspections.get(input.inspectionId);
  if (!was) throw notFound('inspection.noSuchInspection');
  assertOpen(await getCampaign(ports, was.campaignId));
  const people = (await ports.store.roster.peek()).people;
  if (!input.owner) throw badInput('inspection.fillWhoResponsibleRectification', {}, 'owner');
  const owner = people.find((p) => p.employeeNo === input.owner);
  if (!owner) throw badInput('inspection.responsibleRectificationNotRoster', { owner: input.owner }, 'owner');
  if (!input.due) throw badInput('inspection.fillRectificationDeadline', {}, 'due');
  if (!isoDateSchema.safeParse(input.due).success || Number.isNaN(Date.parse(input.due))) throw badInput('inspection.rectificationDeadlineNotDate', { due: input.due }, 'due');
  const photos = await photoRefs(ports, input.photos, 'photos');
  const findingId = randomUUID();
  const { photos: _p, owner: _o, due: _d, ...rest } = input;
  let campaignId = '';
  await append(
    ports,
    caller.employeeNo,
    'finding.recorded',
    { findingId, ...rest, campaignId: '', owner: owner.employeeNo, ownerName: owner.name, due: input.due, photos },
    (entries) => {
      const i = foldLedger(entries).inspections.get(input.inspectionId);
      if (!i) throw notFound('inspection.noSuchInspection');
      campaignId = i.campaignId;
    },
    (data) => ({ ...data, campaignId }),
  );
  return findingAfter(ports, findingId);
}

/** The finding, as a check before a change: it exists. */
function findingIn(entries: readonly LedgerEntry[], findingId: string): FindingState {
  const f = foldLedger(entries).findings.get(findingId);
  if (!f) throw notFound('inspection.noSuchFinding');
  return f;
}

export async function rectifyFinding(ports: Ports, caller: Account, input: Input<'finding.rectify'>): Promise<FindingView> {
  const photos = await photoRefs(ports, input.photos, 'photos');
  await append(ports, caller.employeeNo, 'finding.rectified', { findingId: input.findingId, note: input.note, photos }, (entries) => {
    const f = findingIn(entries, input.findingId);
    if (!isOffice(caller) && f.owner !== caller.employeeNo) throw forbidden('inspection.personResponsibleFindingCan');
    if (f.status === 'closed') throw conflict('inspection.findingCheckedClosed');
  });
  return findingAfter(ports, input.findingId);
}

/** 验收: never by the 责任人 themself; a finding is verified once it has been rectified. */
export async function verifyFinding(ports: Ports, caller: Account, input: Input<'finding.verify'>): Promise<FindingView> {
  if (!input.passed && !input.note) throw badInput('inspection.writeDownWhyCheck', {}, 'note');
  await append(ports, caller.employeeNo, 'finding.verified', { findingId: input.findingId, passed: input.passed, note: input.note }, (entries) => {
    const f = findingIn(entries, input.findingId);
    if (f.owner === caller.employeeNo) throw forbidden('inspection.personResponsibleCannotCheck');
    if (f.status === 'closed') throw conflict('inspection.findingCheckedClosed');
    if (f.status !== 'rectified') throw conflict('inspection.personResponsibleNotReported');
  });
  return findingAfter(ports, input.findingId);
}

export async function myFindings(ports: Ports, caller: Account, input: Input<'finding.mine'>): Promise<FindingView[]> {
  const v = await listInspections(ports, input);
  return v.findings.filter((f) => f.owner === caller.employeeNo);
}

/** A photo of a finding, for the office, archivists and the finding's 责任人. */
export async function findingFile(ports: Ports, caller: Account, input: Input<'finding.file'>): Promise<{ fileName: string; base64: string }> {
  const { entries } = await ports.store.inspections.peek();
  const f = foldLedger(entries as LedgerEntry[]).findings.get(input.findingId);
  if (!f || (!mayReadAll(caller) && f.owner !== caller.employeeNo)) throw forbidden('inspection.youCanSeeFindings');
  const ref = [...f.photos, ...f.rectifications.flatMap((r) => r.photos)].find((p) => p.sha256 === input.sha256);
  if (!ref) throw notFound('inspection.findingNoSuchPhoto');
  const bytes = await ports.store.files.get(ref.sha256);
  if (!bytes) throw notFound('inspection.filePhotoGone', { name: ref.name });
  return { fileName: ref.name, base64: bytes.toString('base64') };
}

async function findingAfter(ports: Ports, findingId: string): Promise<FindingView> {
  const { entries } = await ports.store.inspections.peek();
  const { inspections, findings } = foldLedger(entries as LedgerEntry[]);
  const f = findings.get(findingId);
  if (!f) throw notFound('inspection.noSuchFinding');
  return findingView(f, inspections, await today(ports), await names(ports));
}

/** The columns Chinese bureaus ask a 问题台账 in. */
export const LEDGER_COLUMNS = ['序号', '检查时间', '检查类型', '问题描述', '隐患等级', '整改措施', '责任人', '整改期限', '整改情况', '验收人', '验收时间'] as const;

/** The 问题台账 as rows: one per finding, in the order they were found. */
export function ledgerRows(v: InspectionsView, fmt: (isoText: string) => string): (string | number)[][] {
  const found = [...v.findings].sort((a, b) => a.seq - b.seq);
  return found.map((f, i) => {
    const last = f.rectifications.at(-1);
    const state = f.status === 'closed' ? '已整改，验收合格' : f.status === 'rectified' ? '已整改，待验收' : f.overdue ? '逾期未整改' : f.verifications.length > 0 ? '验收不合格，重新整改' : '整改中';
    return [
      i + 1,
      f.inspection?.date ?? f.discussion?.date ?? '',
      f.inspection ? INSPECTION_KIND_NAMES[f.inspection.kind] : f.discussion ? `${COLLECTIVE_TYPE_NAMES[f.discussion.type]}：${f.discussion.topic}` : '',
      `${f.location}：${f.description}`,
      HAZARD_LEVEL_NAMES[f.level],
      f.measure,
      `${f.ownerName}（${f.owner}）`,
      f.due,
      last ? `${state}；${last.note}` : state,
      f.closedBy ? (f.names[f.closedBy] ?? f.closedBy) : '',
      f.closedAt ? fmt(f.closedAt) : '',
    ];
  });
}

export async function ledgerXlsx(ports: Ports, input: Input<'inspection.ledger'>): Promise<{ fileName: string; base64: string }> {
  const c = await getCampaign(ports, input.campaignId);
  const v = await listInspections(ports, input);
  const { settings, enterprise } = await ports.store.meta.peek();
  const fmt = (t: string) => new Date(Date.parse(t) + settings.utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet('问题台账');
  ws.addRow([`${enterprise ?? ''} ${c.name} 问题台账`]);
  ws.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([...LEDGER_COLUMNS]);
  ws.getRow(2).font = { bold: true };
  const widths = [6, 12, 22, 40, 10, 36, 16, 12, 30, 12, 17];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const r of ledgerRows(v, fmt)) {
    const row = ws.addRow(r);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  ws.addRow([]);
  ws.addRow([`共 ${v.counts.findings} 项（重大隐患 ${v.counts.major} 项），已验收销号 ${v.counts.closed} 项，逾期 ${v.counts.overdue} 项。台账记录链头 ${v.head}`]);
  return { fileName: `问题台账-${c.studyStart}.xlsx`, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}
