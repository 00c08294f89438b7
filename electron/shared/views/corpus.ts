// What the corpus calls answer: the documents to read, their texts, search hits, and the import
// of an official edition.
import type { TextStructure, TextUnit } from '../../core/text-structure';

/** One readable text of a document: the team's study notes, or an imported official edition. */
export interface TextRef {
  key: string;
  kind: 'notes' | 'official';
  title: string;
  format: 'md' | 'pdf' | 'txt';
  edition?: { sha256: string; fileName: string; importedAt: string };
}
export interface DocMeta {
  id: string;
  title: string;
  docNo: string;
  issuer: string;
  category: string;
  /** YYYY-MM-DD, or '' when not known (the official text decides) */
  effective: string;
  required: boolean;
  summary: string;
  suggestedMinutes: number;
  source: 'bundled' | 'enterprise';
  /** official edition first when one is loaded, then the study notes */
  texts: TextRef[];
  /** an accident case of the bundled case library (category 事故案例) */
  case?: CaseMeta;
}
/** What the case library says of an accident, besides its text. */
export interface CaseMeta {
  date: string;
  place: string;
  plantKind: string;
  casualties: string;
  source: { report: string; authority: string; published: string };
  /** the catalogue documents it illustrates */
  docIds: string[];
  /** 3–5 questions for 分组研讨 */
  prompts: string[];
}
export interface DocFile {
  meta: DocMeta;
  /** null: nothing to read yet (no notes, no official text imported) */
  ref: TextRef | null;
  /** md / txt: the UTF-8 text; pdf: base64 of the bytes */
  text?: string;
  base64?: string;
  /** an official text's 章/条, clauses or items (kind 'none' when it has none) */
  structure?: DocStructure;
}
/** A unit of an edition, and where the reader finds it: the loc of its first paragraph's block. */
export interface PlacedUnit extends TextUnit {
  /** pdf: page (1-based); md: index of the heading above (-1 before the first); txt: paragraph */
  loc: number;
}
export interface DocStructure {
  kind: TextStructure['kind'];
  units: PlacedUnit[];
}
/** The units of a document's current official text, for links to them; edition null when none is imported. */
export interface DocUnits {
  edition: { sha256: string; fileName: string } | null;
  /** every unit id of the edition ('第二十八条', '第二十八条第一款', '4.2.3', '附录A') */
  units: string[];
}
export interface SearchResult {
  docId: string;
  title: string;
  docNo: string;
  key: string;
  kind: 'notes' | 'official';
  textTitle: string;
  format: 'md' | 'pdf' | 'txt';
  /** md: heading index (-1 before the first heading); pdf: page; txt: paragraph */
  loc: number;
  /** the unit of an official text the hit is in ('第二十八条', '4.2.3'), when it has a structure */
  unit?: string;
  score: number;
  snippet: string;
  marks: [number, number][];
}
export interface ImportPreview {
  fileName: string;
  sha256: string;
  format: 'pdf' | 'md' | 'txt' | 'docx' | 'html';
  pages: number;
  chars: number;
  sample: string;
  /** pre-filled from the file: a catalog entry it matches, else what the file says */
  title: string;
  docNo: string;
  matchDocId: string | null;
  duplicateOf: { docId: string; importedAt: string } | null;
}
export interface ImportJobView {
  jobId: string;
  state: 'reading' | 'ready' | 'failed' | 'cancelled' | 'done';
  /** pages read so far, of total (a PDF); 1 of 1 for other formats */
  done: number;
  total: number;
  /** a PDF waiting for the readings before it (one at a time per server): how many are ahead; null once it is read */
  queued: number | null;
  preview: ImportPreview | null;
  error: string | null;
}
