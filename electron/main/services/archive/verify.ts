// Checking archives: each file against the manifest, the record chains against their heads, the
// signature against the enterprise key; a folder, a zip, or a tree of them.
import path from 'node:path';
import { around } from '../../../core/bilingual';
import type { LedgerEntry } from '../../../core/inspection';
import type { VerifyReport } from '../../../shared/api';
import { chainHead, verifyChain } from '../../../records/events';
import { notFound } from '../errors';
import { signatureHolds, type Signature } from '../signing/signing';
import { type Files, type Ports } from '../ports';
import { unzipTo, walk, ZIP_LIMITS, ZipEntryDamaged, ZipProblem } from '../files/zip-folder';
import type { Message } from '../../../core/message';
import { sayIn } from '../../messages';

/** a zip's problem in both languages, as the other problems of a check are written until they are messages too */
const bothSides = (m: Message) => `${sayIn('zh-CN', m)} / ${sayIn('en-US', m)}`;
import { RECORD_FILE, PDF_FILE, MANIFEST_FILE, SIGNATURE_FILE, XLSX_FILE, FINDINGS_FILE, evidencePath, evidenceRefs, ledgerPhotos, sha256 } from './files';
import { type PersonRecord } from './record';

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
export function verifyArchiveDir(files: Files, dir: string, expectedManifestSha256?: string, expectKey?: string, asNamed?: string): VerifyReport {
  const problems: string[] = [];
  const mPath = path.join(dir, MANIFEST_FILE);
  if (!files.exists(mPath))
    return { ok: false, problems: [`缺少清单文件 ${MANIFEST_FILE}：导出未完成，或清单被删除 / ${MANIFEST_FILE} is missing: the export did not finish, or the manifest was deleted`] };
  const mText = files.read(mPath);
  if (expectedManifestSha256 && sha256(mText) !== expectedManifestSha256)
    problems.push(`${MANIFEST_FILE} 与导出时登记的不一致：清单被修改 / ${MANIFEST_FILE} is not the one registered at export: the manifest was changed`);
  let manifest: {
    exportId?: unknown;
    files?: { name: string; sha256: string; bytes: number }[];
    chainHeads?: Record<string, string>;
    eventCount?: number;
    eventCounts?: Record<string, number>;
    ledgerHead?: string;
  };
  try {
    manifest = JSON.parse(mText.toString('utf8'));
  } catch {
    return { ok: false, problems: [`${MANIFEST_FILE} 无法解析：清单被修改或损坏 / ${MANIFEST_FILE} cannot be read: the manifest was changed or damaged`] };
  }
  if (asNamed !== undefined) {
    // every manifest has carried its export id, and the exporter names the folder (or zip) by it
    if (typeof manifest.exportId !== 'string') problems.push(`${MANIFEST_FILE} 中没有导出编号：清单被修改 / ${MANIFEST_FILE} holds no export id: the manifest was changed`);
    else if (!nameFitsExportId(asNamed, manifest.exportId))
      problems.push(
        `档案名称「${asNamed}」与清单中的导出编号 ${manifest.exportId} 不符：档案被改名，或与另一份档案调换了内容 / the archive's name “${asNamed}” is not the export id ${manifest.exportId} in its manifest: it was renamed, or its contents were swapped with another archive's`,
      );
  }
  const listed = new Set<string>([MANIFEST_FILE]);
  // the enterprise's signature of the manifest, and whether it is the key the inspector was given
  const signedBy = signatureOf(files, dir, mText, problems);
  const hasSignature = files.exists(path.join(dir, SIGNATURE_FILE));
  if (hasSignature) listed.add(SIGNATURE_FILE);
  // no signature at all: not proven to be by the key (an export made while the key was locked, or
  // its signature removed) — said apart from any change found below
  const unsigned = expectKey !== undefined && !hasSignature;
  if (expectKey && signedBy !== null && signedBy !== expectKey)
    problems.push(`清单由另一把密钥签署：${signedBy}（应为 ${expectKey}） / the manifest was signed by another key: ${signedBy} (expected ${expectKey})`);
  for (const f of manifest.files ?? []) {
    if (f.name.split('/').some((x) => x === '..' || x === '') || path.isAbsolute(f.name)) {
      problems.push(`清单中的文件名不合法：${f.name} / a file name in the manifest is not valid: ${f.name}`);
      continue;
    }
    listed.add(f.name);
    const p = path.join(dir, ...f.name.split('/'));
    if (!files.exists(p)) {
      problems.push(`缺少文件 ${f.name} / the file ${f.name} is missing`);
      continue;
    }
    if (sha256(files.read(p)) !== f.sha256) problems.push(`文件 ${f.name} 的 SHA-256 与清单不符：文件被修改 / the SHA-256 of ${f.name} does not match the manifest: the file was changed`);
  }
  for (const name of walk(files, dir)) if (!listed.has(name)) problems.push(`多出清单中没有的文件 ${name} / an extra file the manifest does not list: ${name}`);
  // every record file: its chain intact, its head and count as the manifest recorded them
  const recordFiles = walk(files, dir).filter((n) => n === RECORD_FILE || /^people\/[^/]+\/record\.json$/.test(n));
  for (const no of Object.keys(manifest.chainHeads ?? {})) {
    if (!recordFiles.some((n) => n === RECORD_FILE || n === `people/${no}/${RECORD_FILE}`)) problems.push(`缺少 ${no} 的记录文件 / the record file of ${no} is missing`);
  }
  for (const name of recordFiles) {
    try {
      const rec = JSON.parse(files.readText(path.join(dir, ...name.split('/')))) as PersonRecord;
      const no = rec.person?.employeeNo ?? '';
      problems.push(...verifyChain(rec.events ?? []).map((x) => `${name}：${x}`));
      const head = chainHead(rec.events ?? []);
      const expected = manifest.chainHeads?.[no];
      if (expected !== head || rec.chainHead !== head)
        problems.push(`${name}：记录链头与清单不符，记录被修改、删除或添加 / ${name}: the head of the record chain does not match the manifest: records were changed, deleted or added`);
      // every evidence file a record names is there, with the bytes its hash names
      const folder = name.slice(0, -RECORD_FILE.length);
      for (const ref of evidenceRefs(rec.events ?? [])) {
        const f = path.join(dir, ...`${folder}${evidencePath(ref)}`.split('/'));
        if (!files.exists(f))
          problems.push(`${name}：缺少记录所附的文件「${ref.name}」（${folder}${evidencePath(ref)}） / ${name}: the file “${ref.name}” the record names is missing (${folder}${evidencePath(ref)})`);
        else if (sha256(files.read(f)) !== ref.sha256)
          problems.push(`${name}：记录所附的文件「${ref.name}」与记录中的哈希不符：文件被替换 / ${name}: the file “${ref.name}” does not match the hash in the record: it was replaced`);
      }
      const count = manifest.eventCounts?.[no] ?? manifest.eventCount;
      if (count !== undefined && count !== (rec.events ?? []).length)
        problems.push(`${name}：记录条数 ${(rec.events ?? []).length} 与清单的 ${count} 不符 / ${name}: ${(rec.events ?? []).length} records where the manifest says ${count}`);
    } catch {
      problems.push(`${name} 无法解析：文件被修改或损坏 / ${name} cannot be read: the file was changed or damaged`);
    }
  }
  problems.push(...verifyFindings(files, dir, manifest.ledgerHead));
  if (unsigned) {
    problems.push(
      `未签名：清单没有签名，不能证明由密钥 ${expectKey} 签署（导出时签名密钥未解锁，或签名被删除） / not signed: the manifest carries no signature, so it is not proven to be by the key ${expectKey} (exported while the key was locked, or the signature was removed)`,
    );
    // unsigned and nothing else wrong: said as such; with other problems it is altered
    if (problems.length === 1) return { ok: false, unsigned: true, problems, signedBy: null };
  }
  return { ok: problems.length === 0, problems, signedBy };
}

/** The fingerprint whose valid signature manifest.sig holds, or null (no signature; a broken one is a problem). */
function signatureOf(files: Files, dir: string, manifestBytes: Buffer, problems: string[]): string | null {
  const f = path.join(dir, SIGNATURE_FILE);
  if (!files.exists(f)) return null;
  let sig: Signature;
  try {
    sig = JSON.parse(files.readText(f)) as Signature;
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
function verifyFindings(files: Files, dir: string, ledgerHead: string | undefined): string[] {
  const f = path.join(dir, FINDINGS_FILE);
  if (!files.exists(f)) return ledgerHead === undefined ? [] : [`缺少问题台账 ${FINDINGS_FILE} / the findings ledger ${FINDINGS_FILE} is missing`];
  const problems: string[] = [];
  try {
    const ledger = JSON.parse(files.readText(f)) as { head?: string; entries?: LedgerEntry[] };
    const entries = ledger.entries ?? [];
    problems.push(...verifyChain(entries).map((x) => `${FINDINGS_FILE}：${x.replace(/^记录/, '台账记录')}`));
    const head = chainHead(entries);
    if (ledger.head !== head || ledgerHead !== head)
      problems.push(
        `${FINDINGS_FILE}：台账记录链头与清单不符，记录被修改、删除或添加 / ${FINDINGS_FILE}: the head of the ledger chain does not match the manifest: entries were changed, deleted or added`,
      );
    for (const ref of ledgerPhotos(entries)) {
      const p = path.join(dir, ...evidencePath(ref).split('/'));
      if (!files.exists(p))
        problems.push(`${FINDINGS_FILE}：缺少台账所附的照片「${ref.name}」（${evidencePath(ref)}） / ${FINDINGS_FILE}: the photo “${ref.name}” the ledger names is missing (${evidencePath(ref)})`);
      else if (sha256(files.read(p)) !== ref.sha256)
        problems.push(
          `${FINDINGS_FILE}：台账所附的照片「${ref.name}」与台账中的哈希不符：照片被替换 / ${FINDINGS_FILE}: the photo “${ref.name}” does not match the hash in the ledger: it was replaced`,
        );
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

const checkOf = (at: string, r: VerifyReport): ArchiveCheck => ({
  path: at,
  outcome: r.ok ? 'intact' : r.unreadable ? 'unreadable' : r.unsigned ? 'unsigned' : 'altered',
  problems: r.problems,
  signedBy: r.signedBy ?? null,
});

/**
 * The files the exporter writes into an archive, besides its manifest: a folder holding one of
 * them (or a person's folder under people/, or an evidence file named by its hash under files/)
 * is an export, and without its manifest it was altered, not "something else".
 */
const EXPORT_FILES = [RECORD_FILE, PDF_FILE, XLSX_FILE, SIGNATURE_FILE, FINDINGS_FILE, 'campaign.pdf'];
function exportTells(files: Files, dir: string): string[] {
  const tells = EXPORT_FILES.filter((n) => files.exists(path.join(dir, n)));
  const sub = (name: string) => {
    const d = path.join(dir, name);
    return files.exists(d) && files.isFolder(d) ? files.list(d) : [];
  };
  if (sub('people').some((no) => files.exists(path.join(dir, 'people', no, RECORD_FILE)))) tells.push(`people/…/${RECORD_FILE}`);
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
async function checkFolder(files: Files, dir: string, shown: string, asNamed: string, expectKey: string | undefined, depth: number, zips: number): Promise<ArchiveCheck[]> {
  if (files.exists(path.join(dir, MANIFEST_FILE))) return [checkOf(shown, verifyArchiveDir(files, dir, undefined, expectKey, asNamed))];
  const tells = exportTells(files, dir);
  if (tells.length > 0) {
    return [
      {
        path: shown,
        outcome: 'altered',
        signedBy: null,
        problems: [
          `${asNamed} 看起来是安学导出的档案（有 ${tells.join('、')}），但缺少清单 ${MANIFEST_FILE}：清单被删除，或导出未完成 / ${asNamed} looks like an Anxue export (it holds ${tells.join(', ')}) but has no ${MANIFEST_FILE}: the manifest was deleted, or the export did not finish`,
        ],
      },
    ];
  }
  if (depth >= MAX_DEPTH) return [];
  const out: ArchiveCheck[] = [];
  for (const name of files.list(dir).sort()) {
    const full = path.join(dir, name);
    if (files.isFolder(full)) {
      if (isExporterWork(name)) continue;
      if (name.startsWith('.') && !files.exists(path.join(full, MANIFEST_FILE)) && exportTells(files, full).length === 0) continue;
      out.push(...(await checkFolder(files, full, `${shown}/${name}`, name, expectKey, depth + 1, zips)));
    } else if (name.toLowerCase().endsWith('.zip')) out.push(...(await checkZip(files, full, `${shown}/${name}`, expectKey, zips, depth + 1)));
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
async function checkZip(files: Files, zip: string, shown: string, expectKey: string | undefined, zips: number, depth: number, expectedManifestSha256?: string): Promise<ArchiveCheck[]> {
  const label = path.basename(zip);
  if (zips > MAX_ZIP_NESTING)
    return [
      { path: shown, outcome: 'unreadable', signedBy: null, problems: [`${label} 在 zip 中的 zip 里：请先解压外层再校验 / ${label} is a zip inside a zip inside a zip: unpack the outer ones first`] },
    ];
  const tmp = files.tempDir('anxue-verify-');
  try {
    try {
      await unzipTo(files, zip, tmp, ZIP_LIMITS.verify);
    } catch (e) {
      // a readable zip with one damaged entry was changed; a file that is no zip is no archive
      if (e instanceof ZipEntryDamaged) return [{ path: shown, outcome: 'altered', signedBy: null, problems: [bothSides(e.said)] }];
      if (e instanceof ZipProblem)
        return [
          {
            path: shown,
            outcome: 'unreadable',
            signedBy: null,
            problems: [
              around(
                bothSides(e.said),
                (m) => `${label} 不是可读的 .zip 档案：${m}`,
                (m) => `${label} is not a readable .zip archive: ${m}`,
              ),
            ],
          },
        ];
      throw e;
    }
    const asNamed = label.replace(/\.zip$/i, '');
    if (files.exists(path.join(tmp, MANIFEST_FILE))) return [checkOf(shown, verifyArchiveDir(files, tmp, expectedManifestSha256, expectKey, asNamed))];
    const found = await checkFolder(files, tmp, shown, asNamed, expectKey, depth, zips + 1);
    if (found.length === 0)
      return [
        {
          path: shown,
          outcome: 'unreadable',
          signedBy: null,
          problems: [`${label} 中没有 ${MANIFEST_FILE}，也没有带它的文件夹：这不是安学导出的档案 / ${label} holds no ${MANIFEST_FILE}, nor a folder with one: it is not an Anxue archive`],
        },
      ];
    return found;
  } finally {
    files.remove(tmp);
  }
}

/**
 * Check every archive at a path: an archive folder, a folder of archives (an --out folder), or a
 * .zip of either (see checkFolder, checkZip).
 */
export async function verifyAll(files: Files, p: string, expectKey?: string): Promise<ArchiveCheck[]> {
  if (!files.exists(p)) return [];
  const at = path.resolve(p);
  if (files.isFolder(at)) return checkFolder(files, at, at, path.basename(at), expectKey, 0, 0);
  if (at.toLowerCase().endsWith('.zip')) return checkZip(files, at, at, expectKey, 0, 0);
  return [];
}

/**
 * One archive: a folder, or a .zip (unpacked into a temporary folder first). A .zip that cannot be
 * read, or holds no manifest, is not an archive: `unreadable`, never "altered". A zip holding
 * several archives is intact only when each one is.
 */
export async function verifyArchivePath(files: Files, p: string, expectedManifestSha256?: string, expectKey?: string): Promise<VerifyReport> {
  const at = path.resolve(p);
  if (!at.toLowerCase().endsWith('.zip')) return verifyArchiveDir(files, at, expectedManifestSha256, expectKey, path.basename(at));
  const found = await checkZip(files, at, at, expectKey, 0, 0, expectedManifestSha256);
  if (found.length === 1) {
    const f = found[0]!;
    return { ok: f.outcome === 'intact', problems: f.problems, signedBy: f.signedBy, ...(f.outcome === 'unreadable' ? { unreadable: true } : f.outcome === 'unsigned' ? { unsigned: true } : {}) };
  }
  const bad = found.filter((f) => f.outcome !== 'intact');
  const problems = bad.flatMap((f) =>
    f.problems.map((x) =>
      around(
        x,
        (m) => `${path.relative(at, f.path) || path.basename(at)}：${m}`,
        (m) => `${path.relative(at, f.path) || path.basename(at)}: ${m}`,
      ),
    ),
  );
  const signers = new Set(found.map((f) => f.signedBy));
  return {
    ok: bad.length === 0,
    problems,
    signedBy: signers.size === 1 ? [...signers][0]! : null,
    ...(bad.length > 0 && bad.every((f) => f.outcome === 'unreadable') ? { unreadable: true } : bad.length > 0 && bad.every((f) => f.outcome === 'unsigned') ? { unsigned: true } : {}),
  };
}

export async function verifyExport(ports: Ports, exportId: string): Promise<VerifyReport> {
  const { exports } = await ports.store.exports.read();
  const rec = exports.find((x) => x.exportId === exportId);
  if (!rec) throw notFound('archive.noExport', { exportId });
  // signed (it was exported while the key was unlocked): it must be by this enterprise's key
  const own = (await ports.store.signing.peek()).fingerprint;
  const dir = path.join(ports.store.exportsDir(), exportId);
  const signed = ports.files.exists(path.join(dir, SIGNATURE_FILE));
  return verifyArchivePath(ports.files, dir, rec.manifestSha256, signed && own ? own : undefined);
}

export async function exportFile(ports: Ports, exportId: string, name: string): Promise<{ name: string; base64: string }> {
  const { exports } = await ports.store.exports.read();
  if (!exports.some((x) => x.exportId === exportId)) throw notFound('archive.noExport', { exportId });
  const p = path.join(ports.store.exportsDir(), exportId, path.basename(name));
  if (!ports.files.exists(p)) throw notFound('archive.exportNoFile', { name });
  return { name, base64: ports.files.read(p).toString('base64') };
}
