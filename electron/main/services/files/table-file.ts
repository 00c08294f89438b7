// Read a spreadsheet the officer hands us (.xlsx, or .csv in UTF-8 or GBK) into rows of strings.
import type ExcelJS from 'exceljs';
import { badInput } from '../errors';

export const MAX_TABLE_BYTES = 20 * 1024 * 1024;

export function decodeText(bytes: Uint8Array): string {
  // Notepad's and Excel's "Unicode" text is UTF-16 with a byte-order mark
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Excel on Chinese Windows saves "CSV" in GBK (code page 936).
    return new TextDecoder('gbk').decode(body);
  }
}

export async function readTable(fileName: string, bytes: Uint8Array): Promise<string[][]> {
  if (bytes.length === 0) throw badInput('files.fileEmpty', { fileName }, 'file');
  if (bytes.length > MAX_TABLE_BYTES) throw badInput('files.fileTooLargeOver', { fileName }, 'file');
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) {
    const { default: Papa } = await import('papaparse');
    const text = decodeText(bytes);
    const res = Papa.parse<string[]>(text, { skipEmptyLines: false });
    const fatal = res.errors.find((e) => e.type === 'Quotes');
    if (fatal) throw badInput('files.fileUnmatchedQuotesRow', { fileName, row: (fatal.row ?? 0) + 1 }, 'file');
    return res.data.map((r) => r.map((c) => String(c ?? '')));
  }
  if (lower.endsWith('.xlsx')) {
    // ExcelJS unpacks the .xlsx whole in memory: a zip bomb is refused before it gets it
    const { checkOfficeZip } = await import('./zip-folder');
    await checkOfficeZip(bytes, fileName);
    const { default: Excel } = await import('exceljs'); // loaded when first needed: keeps start-up light
    const wb = new Excel.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw badInput('files.fileNotValidXlsx', { fileName }, 'file');
    }
    const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
    if (!ws) throw badInput('files.fileHoldsNoData', { fileName }, 'file');
    const rows: string[][] = [];
    const width = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
      rows.push(cells);
    }
    return rows;
  }
  throw badInput('files.formatNotSupportedUse', { fileName }, 'file');
}

/**
 * A date cell as YYYY-MM-DD (with the time when it has one). ExcelJS gives a date cell as a Date
 * holding the cell's wall-clock time in UTC; its own text is the Date's, in this machine's time zone.
 */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const s = d.toISOString();
  return s.slice(11, 19) === '00:00:00' ? s.slice(0, 10) : `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof Date) return dateText(v);
  // a formula whose result is a date (=TODAY(), =DATE(2024,9,1))
  if (typeof v === 'object' && 'result' in v && v.result instanceof Date) return dateText(v.result);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    return cell.text ?? '';
  } catch {
    return '';
  }
}
