// Exporting one person's archive: check the records, build, lay out, write, sign, rename into place.
import path from 'node:path';
import type { Campaign } from '../../../core/model';
import type { ExportResult } from '../../../shared/api';
import { conflict } from '../errors';
import { said, type Message } from '../../../core/message';
import { checkRecords, makeCheckpoint } from '../signing/signing';
import type { Ports } from '../ports';
import { renderPdf } from '../render/pdf';
import { statementsFor, xapiIds } from './xapi';
import { RECORD_FILE, PDF_FILE, XLSX_FILE, XAPI_FILE, evidenceRefs, evidenceFiles, sha256 } from './files';
import { buildPersonRecord, recordJson, recordVersions, takeSharedSnapshot } from './record';
import { writeManifest } from './write';
import { personPdfDefinition } from './layout-person';
import { personWorkbookRows } from './workbook';

/** Messages one after another, as one message (the first three problems of a refusal). */
const listOf = (ms: Message[]): Message => ms.slice(1).reduce((list, next) => said('common.andThen', { list, next }), ms[0]!);

/**
 * Before an export: the people's records against the signed checkpoints (a rewrite is refused,
 * naming the person and record), then a checkpoint of now, when the key is unlocked.
 */
export async function checkBeforeExport(ports: Ports, employeeNos: readonly string[]): Promise<void> {
  const problems = await checkRecords(ports, employeeNos);
  if (problems.length > 0) throw conflict(problems.length > 3 ? 'archive.recordsDoNotMatchMany' : 'archive.recordsDoNotMatch', { problems: listOf(problems.slice(0, 3)), count: problems.length });
  await makeCheckpoint(ports, 'export', employeeNos);
}

/**
 * Write the archive into outDir/<exportId>/. It is built in a hidden folder and renamed into place,
 * so no half-written archive ever looks complete. year: a file of that calendar year only.
 */
export async function exportPersonTo(ports: Ports, employeeNo: string, outDir: string, by: string, year?: string): Promise<ExportResult> {
  // a record rewritten after a signed checkpoint is not exported as if it were true
  await checkBeforeExport(ports, [employeeNo]);
  const shared = await takeSharedSnapshot(ports);
  const record = await buildPersonRecord(ports, employeeNo, by, shared, { year });
  const pdf = await renderPdf(personPdfDefinition(record, shared.campaigns as Campaign[]));
  const stamp = record.exportedAt.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  let exportId = `${employeeNo}-${stamp}`;
  for (let i = 2; ports.files.exists(path.join(outDir, exportId)); i++) exportId = `${employeeNo}-${stamp}-${i}`;
  const xapi = statementsFor(record.person, record.events, { ...xapiIds(shared.enterprise), questions: recordVersions(record) });
  const files = [
    { name: RECORD_FILE, data: Buffer.from(recordJson(record), 'utf8') },
    { name: PDF_FILE, data: pdf },
    { name: XLSX_FILE, data: await personWorkbookRows([record]) },
    { name: XAPI_FILE, data: Buffer.from(JSON.stringify(xapi, null, 2) + '\n', 'utf8') },
    ...(await evidenceFiles(ports, evidenceRefs(record.events))),
  ].map((x) => ({ ...x, sha256: sha256(x.data), bytes: x.data.length }));
  ports.files.mkdir(outDir);
  const tmp = path.join(outDir, `.partial-${exportId}`);
  ports.files.remove(tmp);
  ports.files.mkdir(tmp);
  if (files.some((f) => f.name.startsWith('files/'))) ports.files.mkdir(path.join(tmp, 'files'));
  for (const f of files) ports.files.write(path.join(tmp, f.name), f.data);
  const head = {
    format: 'anxue-archive-manifest',
    formatVersion: 1,
    kind: 'person',
    exportId,
    employeeNo,
    createdAt: record.exportedAt,
    chainHeads: { [employeeNo]: record.chainHead },
    eventCount: record.events.length,
    signingKey: record.signingKey,
  };
  const { manifest, manifestSha256 } = await writeManifest(ports, tmp, head, files);
  ports.files.rename(tmp, path.join(outDir, exportId));
  await ports.store.exports.update((x) => {
    x.exports.push({ exportId, employeeNo, campaignId: '', at: record.exportedAt, by, manifestSha256 });
  });
  return { exportId, folder: path.join(outDir, exportId), files: manifest.files };
}
