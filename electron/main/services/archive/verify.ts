// Checking archives: each file against the manifest, the record chains against their heads, the
// signature against the enterprise key; a folder, a zip, or a tree of them.
import path from 'node:path';
import type { LedgerEntry } from '../../../core/inspection';
import type { VerifyReport } from '../../../shared/api';
import { chainHead, verifyChain } from '../../../records/events';
import { notFound } from '../errors';
import { signatureHolds, type Signature } from '../signing/signing';
import { type Files, type Ports } from '../ports';
import { unzipTo, walk, ZIP_LIMITS, ZipEntryDamaged, ZipProblem } from '../files/zip-folder';
import { said, type Message } from '../../../core/message';
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
  const problems: Message[] = [];
  const mPath = path.join(dir, MANIFEST_FILE);
  if (!files.exists(mPath)) return { ok: false, problems: [said('archive.check.noManifest', { manifest: MANIFEST_FILE })] };
  const mText = files.read(mPath);
  if (expectedManifestSha256 && sha256(mText) !== expectedManifestSha256) problems.push(said('archive.check.manifestNotRegistered', { manifest: MANIFEST_FILE }));
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
    return { ok: false, problems: [said('archive.check.manifestUnreadable', { manifest: MANIFEST_FILE })] };
  }
  if (asNamed !== undefined) {
    // every manifest has carried its export id, and the exporter names the folder (or zip) by it
    if (typeof manifest.exportId !== 'string') problems.push(said('archive.check.noExportId', { manifest: MANIFEST_FILE }));
    else if (!nameFitsExportId(asNamed, manifest.exportId)) problems.push(said('archive.check.nameNotExportId', { name: asNamed, exportId: manifest.exportId }));
  }
  const listed = new Set<string>([MANIFEST_FILE]);
  // the enterprise's signature of the manifest, and whether it is the key the inspector was given
  const signedBy = signatureOf(files, dir, mText, problems);
  const hasSignature = files.exists(path.join(dir, SIGNATURE_FILE));
  if (hasSignature) listed.add(SIGNATURE_FILE);
  // no signature at all: not proven to be by the key (an export made while the key was locked, or
  // its signature removed) — said apart from any change found below
  const unsigned = expectKey !== undefined && !hasSignature;
  if (expectKey && signedBy !== null && signedBy !== expectKey) problems.push(said('archive.check.otherKey', { signedBy, expectKey }));
  for (const f of manifest.files ?? []) {
    if (f.name.split('/').some((x) => x === '..' || x === '') || path.isAbsolute(f.name)) {
      problems.push(said('archive.check.badFileName', { name: f.name }));
      continue;
    }
    listed.add(f.name);
    const p = path.join(dir, ...f.name.split('/'));
    if (!files.exists(p)) {
      problems.push(said('archive.check.fileMissing', { name: f.name }));
      continue;
    }
    if (sha256(files.read(p)) !== f.sha256) problems.push(said('archive.check.fileChanged', { name: f.name }));
  }
  for (const name of walk(files, dir)) if (!listed.has(name)) problems.push(said('archive.check.extraFile', { name }));
  // every record file: its chain intact, its head and count as the manifest recorded them
  const recordFiles = walk(files, dir).filter((n) => n === RECORD_FILE || /^people\/[^/]+\/record\.json$/.test(n));
  for (const no of Object.keys(manifest.chainHeads ?? {})) {
    if (!recordFiles.some((n) => n === RECORD_FILE || n === `people/${no}/${RECORD_FILE}`)) problems.push(said('archive.check.noRecordFile', { employeeNo: no }));
  }
  for (const name of recordFiles) {
    try {
      const rec = JSON.parse(files.readText(path.join(dir, ...name.split('/')))) as PersonRecord;
      const no = rec.person?.employeeNo ?? '';
      problems.push(...verifyChain(rec.events ?? []).map((x) => said('archive.check.inFile', { name, problem: x })));
      const head = chainHead(rec.events ?? []);
      const expected = manifest.chainHeads?.[no];
      if (expected !== head || rec.chainHead !== head) problems.push(said('archive.check.chainHead', { name }));
      // every evidence file a record names is there, with the bytes its hash names
      const folder = name.slice(0, -RECORD_FILE.length);
      for (const ref of evidenceRefs(rec.events ?? [])) {
        const f = path.join(dir, ...`${folder}${evidencePath(ref)}`.split('/'));
        if (!files.exists(f)) problems.push(said('archive.check.evidenceMissing', { name, file: ref.name, at: `${folder}${evidencePath(ref)}` }));
        else if (sha256(files.read(f)) !== ref.sha256) problems.push(said('archive.check.evidenceReplaced', { name, file: ref.name }));
      }
      const count = manifest.eventCounts?.[no] ?? manifest.eventCount;
      if (count !== undefined && count !== (rec.events ?? []).length) problems.push(said('archive.check.eventCount', { name, records: (rec.events ?? []).length, manifestSays: count }));
    } catch {
      problems.push(said('archive.check.fileUnreadable', { name }));
    }
  }
  problems.push(...verifyFindings(files, dir, manifest.ledgerHead));
  if (unsigned) {
    problems.push(said('archive.check.unsigned', { expectKey: expectKey! }));
    // unsigned and nothing else wrong: said as such; with other problems it is altered
    if (problems.length === 1) return { ok: false, unsigned: true, problems, signedBy: null };
  }
  return { ok: problems.length === 0, problems, signedBy };
}

/** The fingerprint whose valid signature manifest.sig holds, or null (no signature; a broken one is a problem). */
function signatureOf(files: Files, dir: string, manifestBytes: Buffer, problems: Message[]): string | null {
  const f = path.join(dir, SIGNATURE_FILE);
  if (!files.exists(f)) return null;
  let sig: Signature;
  try {
    sig = JSON.parse(files.readText(f)) as Signature;
  } catch {
    problems.push(said('archive.check.signatureUnreadable', { signature: SIGNATURE_FILE }));
    return null;
  }
  if (!signatureHolds(sig, manifestBytes)) {
    problems.push(said('archive.check.signatureNotFit', { signature: SIGNATURE_FILE, manifest: MANIFEST_FILE }));
    return null;
  }
  return sig.fingerprint;
}

/** The campaign's 问题台账 (findings.json): its chain intact, its head as the manifest says, every photo it names there with its bytes. */
function verifyFindings(files: Files, dir: string, ledgerHead: string | undefined): Message[] {
  const f = path.join(dir, FINDINGS_FILE);
  if (!files.exists(f)) return ledgerHead === undefined ? [] : [said('archive.check.noLedger', { ledger: FINDINGS_FILE })];
  const problems: Message[] = [];
  try {
    const ledger = JSON.parse(files.readText(f)) as { head?: string; entries?: LedgerEntry[] };
    const entries = ledger.entries ?? [];
    problems.push(...verifyChain(entries, 'ledgerEntry').map((x) => said('archive.check.inFile', { name: FINDINGS_FILE, problem: x })));
    const head = chainHead(entries);
    if (ledger.head !== head || ledgerHead !== head) problems.push(said('archive.check.ledgerHead', { ledger: FINDINGS_FILE }));
    for (const ref of ledgerPhotos(entries)) {
      const p = path.join(dir, ...evidencePath(ref).split('/'));
      if (!files.exists(p)) problems.push(said('archive.check.photoMissing', { ledger: FINDINGS_FILE, file: ref.name, at: evidencePath(ref) }));
      else if (sha256(files.read(p)) !== ref.sha256) problems.push(said('archive.check.photoReplaced', { ledger: FINDINGS_FILE, file: ref.name }));
    }
  } catch {
    problems.push(said('archive.check.fileUnreadable', { name: FINDINGS_FILE }));
  }
  return problems;
}

/** What verify found at a path: each archive and how it stands. */
export interface ArchiveCheck {
  /** where it is; inside a .zip: the zip's path, then the folder in it (`a.zip/E001-…`) */
  path: string;
  outcome: 'intact' | 'altered' | 'unsigned' | 'unreadable';
  problems: Message[];
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
        problems: [said('archive.check.looksLikeExport', { name: asNamed, tells: tells.join('、'), manifest: MANIFEST_FILE })],
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
  if (zips > MAX_ZIP_NESTING) return [{ path: shown, outcome: 'unreadable', signedBy: null, problems: [said('archive.check.zipTooDeep', { name: label })] }];
  const tmp = files.tempDir('anxue-verify-');
  try {
    try {
      await unzipTo(files, zip, tmp, ZIP_LIMITS.verify);
    } catch (e) {
      // a readable zip with one damaged entry was changed; a file that is no zip is no archive
      if (e instanceof ZipEntryDamaged) return [{ path: shown, outcome: 'altered', signedBy: null, problems: [e.said] }];
      if (e instanceof ZipProblem)
        return [
          {
            path: shown,
            outcome: 'unreadable',
            signedBy: null,
            problems: [said('archive.check.zipUnreadable', { name: label, problem: e.said })],
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
          problems: [said('archive.check.noArchiveInZip', { name: label, manifest: MANIFEST_FILE })],
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
  const problems = bad.flatMap((f) => f.problems.map((x) => said('archive.check.inFile', { name: path.relative(at, f.path) || path.basename(at), problem: x })));
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
