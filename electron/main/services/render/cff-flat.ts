// Font subsets without subroutines. A CJK font's CFF glyphs call shared pieces of outline
// (subroutines) by index, so fontkit's subset keeps every index slot of the font — Noto Sans CJK
// has ~44,000 — in every PDF, twice (regular and bold). Writing each glyph's outline out whole
// instead (what fontTools calls desubroutinizing) leaves no subroutines to keep: the subset is a
// few hundred charstrings, the same outlines, and a glyph is flattened once per thread.

/** the parts of fontkit's CFF table this reads (fontkit is not typed) */
interface CffTable {
  stream: { buffer: Uint8Array };
  version: number;
  topDict: { CharStrings: Span[] };
  globalSubrIndex?: Span[];
  privateDictForGlyph(gid: number): { Subrs?: Span[] } | null;
}
interface Span {
  offset: number;
  length: number;
}

/** A charstring this does not know how to flatten safely: the subset is made fontkit's way. */
class NotFlat extends Error {}

// Type 2 charstring operators (Adobe TN 5177)
const CALLSUBR = 10;
const RETURN = 11;
const ENDCHAR = 14;
const HINTMASK = 19;
const CNTRMASK = 20;
const CALLGSUBR = 29;
const ESCAPE = 12;
const SHORTINT = 28;
const STEMS = new Set([1, 3, 18, 23]); // hstem, vstem, hstemhm, vstemhm
/** escaped operators that draw (flex): they take their arguments and clear the stack like the rest */
const FLEX = new Set([34, 35, 36, 37]);

/** subroutine indexes are stored minus a bias that depends on how many there are */
function bias(n: number): number {
  return n < 1240 ? 107 : n < 33900 ? 1131 : 32768;
}

/** The byte length of the number starting with b0 (b0 ≥ 32 or 28). */
function numberLength(b0: number): number {
  if (b0 === SHORTINT) return 3;
  if (b0 <= 246) return 1;
  if (b0 <= 254) return 2;
  return 5; // 16.16 fixed
}

function readNumber(b: ArrayLike<number>, at: number): number {
  const b0 = b[at]!;
  if (b0 === SHORTINT) return ((b[at + 1]! << 24) | (b[at + 2]! << 16)) >> 16;
  if (b0 <= 246) return b0 - 139;
  if (b0 <= 250) return (b0 - 247) * 256 + b[at + 1]! + 108;
  if (b0 <= 254) return -(b0 - 251) * 256 - b[at + 1]! - 108;
  throw new NotFlat('a fixed-point subroutine index');
}

/**
 * The glyph's charstring with every subroutine call replaced by the subroutine's own bytes. The
 * stem count is followed across calls because a hintmask's length depends on it. Anything unusual
 * (arithmetic operators, a computed subroutine index, CFF2) throws NotFlat.
 */
export function flattenGlyph(cff: CffTable, gid: number): Uint8Array {
  if (cff.version >= 2) throw new NotFlat('CFF2');
  const src = cff.stream.buffer;
  const global = cff.globalSubrIndex ?? [];
  const local = cff.privateDictForGlyph(gid)?.Subrs ?? [];
  const out: number[] = [];
  /** where each number on the stack starts in `out` (the top one is a subroutine's index when a call comes) */
  const starts: number[] = [];
  let stems = 0;
  let ended = false;
  let depth = 0;

  const run = (from: number, to: number) => {
    if (++depth > 10) throw new NotFlat('subroutines nested too deep');
    let i = from;
    while (i < to && !ended) {
      const b0 = src[i]!;
      if (b0 >= 32 || b0 === SHORTINT) {
        const n = numberLength(b0);
        starts.push(out.length);
        for (let k = 0; k < n; k++) out.push(src[i + k]!);
        i += n;
      } else if (b0 === CALLSUBR || b0 === CALLGSUBR) {
        const at = starts.pop();
        if (at === undefined) throw new NotFlat('a call with nothing on the stack');
        const subrs = b0 === CALLSUBR ? local : global;
        const subr = subrs[readNumber(out, at) + bias(subrs.length)];
        if (!subr) throw new NotFlat('a call to a subroutine the font does not have');
        out.length = at;
        run(subr.offset, subr.offset + subr.length);
        i += 1;
      } else if (b0 === RETURN) {
        break;
      } else if (b0 === HINTMASK || b0 === CNTRMASK) {
        // numbers before a hintmask are vertical stems (as vstem would take them)
        stems += starts.length >> 1;
        starts.length = 0;
        const bytes = 1 + ((stems + 7) >> 3);
        for (let k = 0; k < bytes; k++) out.push(src[i + k]!);
        i += bytes;
      } else if (b0 === ESCAPE) {
        const op = src[i + 1]!;
        if (!FLEX.has(op)) throw new NotFlat(`escaped operator ${op}`);
        out.push(b0, op);
        starts.length = 0;
        i += 2;
      } else {
        if (STEMS.has(b0)) stems += starts.length >> 1;
        out.push(b0);
        starts.length = 0;
        if (b0 === ENDCHAR) ended = true;
        i += 1;
      }
    }
    depth--;
  };
  const cs = cff.topDict.CharStrings[gid];
  if (!cs) throw new NotFlat('no such glyph');
  run(cs.offset, cs.offset + cs.length);
  return Uint8Array.from(out);
}

type Subset = {
  cff: CffTable;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  font: { getGlyph(gid: number): { path: unknown } };
  subsetCharstrings(): void;
  subsetSubrs(subrs: Span[], used: Record<number, boolean>): Uint8Array[];
  flat?: boolean;
};

/**
 * fontkit's CFF subset writing flattened glyphs and no subroutines, for every font of this
 * fontkit (the subset's class is shared). Flattened glyphs are kept per font table: a thread makes
 * many documents from the same few hundred characters. Where a glyph cannot be flattened the
 * subset is made fontkit's way, whole.
 */
export function flatCffSubsets(font: unknown): void {
  const f = font as { createSubset?: () => object; 'CFF '?: unknown };
  if (typeof f.createSubset !== 'function' || !f['CFF ']) return;
  const proto = Object.getPrototypeOf(f.createSubset()) as Subset;
  if (typeof proto.subsetCharstrings !== 'function' || typeof proto.subsetSubrs !== 'function' || Object.prototype.hasOwnProperty.call(proto, 'anxueFlat')) return;
  Object.defineProperty(proto, 'anxueFlat', { value: true });
  const theirCharstrings = proto.subsetCharstrings;
  const theirSubrs = proto.subsetSubrs;
  const flatByTable = new WeakMap<object, Map<number, Uint8Array>>();
  proto.subsetCharstrings = function (this: Subset) {
    let flat = flatByTable.get(this.cff);
    if (!flat) flatByTable.set(this.cff, (flat = new Map()));
    try {
      const charstrings: Uint8Array[] = [];
      for (const gid of this.glyphs) {
        let cs = flat.get(gid);
        if (!cs) flat.set(gid, (cs = flattenGlyph(this.cff, gid)));
        charstrings.push(cs);
      }
      this.charstrings = charstrings;
      this.gsubrs = [];
      this.flat = true;
    } catch (e) {
      if (!(e instanceof NotFlat)) throw e;
      this.flat = false;
      theirCharstrings.call(this);
    }
  };
  proto.subsetSubrs = function (this: Subset, subrs: Span[], used: Record<number, boolean>) {
    return this.flat ? [] : theirSubrs.call(this, subrs, used);
  };
}
