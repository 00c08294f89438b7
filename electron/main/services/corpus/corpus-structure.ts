// The structure of an official edition (its 章/条, clauses or items), kept beside its search blocks:
// read from the same paragraphs the index holds, so a search hit, the reader's contents and a
// question's 出处 name the same units. Editions imported before structures were kept get theirs from
// their blocks the first time they are asked.
import { citedUnitAt, structureOf } from '../../../core/text-structure';
import type { DocStructure } from '../../../shared/api';
import type { Ports } from '../ports';
import type { Block } from './text-block';

/** Raised when the parser changes what it finds: a saved structure of another version is read again. */
const STRUCTURE_VERSION = 1;

/** The units of these blocks, each with the loc of its first block (a PDF's page, md's heading, txt's paragraph). */
export function structureOfBlocks(blocks: readonly Block[]): DocStructure {
  const s = structureOf(blocks.map((b) => b.text));
  return { kind: s.kind, units: s.units.map((u) => ({ ...u, loc: blocks[u.first]?.loc ?? 0 })) };
}

/** The unit each block is cited by (its article, clause or item), undefined outside any. */
export function unitsOfBlocks(s: DocStructure, count: number): (string | undefined)[] {
  const core = { kind: s.kind, units: s.units };
  return Array.from({ length: count }, (_, i) => citedUnitAt(core, i)?.id);
}

const fileOf = (ports: Ports, sha256: string) => ports.store.corpusFile(`${sha256}.structure.json`);

export async function saveStructure(ports: Ports, sha256: string, s: DocStructure): Promise<void> {
  await ports.files.writeAtomic(fileOf(ports, sha256), JSON.stringify({ version: STRUCTURE_VERSION, ...s }));
}

/** The blocks of an edition as imported, or null when there are none on disk. */
export function editionBlocks(ports: Ports, sha256: string): Block[] | null {
  const f = ports.store.corpusFile(`${sha256}.blocks.json`);
  return ports.files.exists(f) ? (JSON.parse(ports.files.readText(f)) as Block[]) : null;
}

/** The saved structure of an edition; made from its blocks (and saved) when there is none yet. */
export async function editionStructure(ports: Ports, sha256: string, blocks?: readonly Block[]): Promise<DocStructure> {
  const f = fileOf(ports, sha256);
  if (ports.files.exists(f)) {
    try {
      const saved = JSON.parse(ports.files.readText(f)) as DocStructure & { version?: number };
      if (saved.version === STRUCTURE_VERSION) return { kind: saved.kind, units: saved.units };
    } catch {
      // unreadable: made again below
    }
  }
  const from = blocks ?? editionBlocks(ports, sha256);
  if (!from) return { kind: 'none', units: [] };
  const s = structureOfBlocks(from);
  // a data folder that cannot be written still reads: the structure is made again next time
  await saveStructure(ports, sha256, s).catch(() => undefined);
  return s;
}
