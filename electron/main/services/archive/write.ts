// Writing an archive: one manifest of every file's SHA-256 and size, signed with the enterprise key,
// the same for a person's export and for a batch or a campaign. The callers build the folder under a
// hidden name and rename it into place only after this, so no half-written archive looks complete.
import path from 'node:path';
import { signBytes } from '../signing/signing';
import type { Ports } from '../ports';
import { MANIFEST_FILE, SIGNATURE_FILE, sha256 } from './files';

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

/**
 * Write `manifest.json` (the head's fields in their order, then the files) and, when the signing
 * key is unlocked, `manifest.sig` into `dir`. Returns the manifest and its hash (kept with the
 * export, so that a later verify can tell the manifest itself was not replaced).
 */
export async function writeManifest<H extends Record<string, unknown>>(
  ports: Ports,
  dir: string,
  head: H,
  files: readonly ManifestFile[],
): Promise<{ manifest: H & { files: ManifestFile[] }; manifestSha256: string }> {
  const manifest = { ...head, files: files.map(({ name, sha256: h, bytes }) => ({ name, sha256: h, bytes })) };
  const text = JSON.stringify(manifest, null, 2) + '\n';
  ports.files.write(path.join(dir, MANIFEST_FILE), text);
  const signature = await signBytes(ports, MANIFEST_FILE, text);
  if (signature) ports.files.write(path.join(dir, SIGNATURE_FILE), JSON.stringify(signature, null, 2) + '\n');
  return { manifest, manifestSha256: sha256(text) };
}
