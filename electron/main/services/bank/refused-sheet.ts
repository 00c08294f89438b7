// The questions a bank file had refused, as a sheet to correct: our template's columns filled with
// what could be read of each, then where it was, its text as written and why it was refused. The
// sheet, corrected, imports like any bank in our template (the extra columns are not read).
import { TEMPLATE_HEADER, templateRow } from '../../../core/question-import';
import type { Input } from '../../../shared/api';
import { sayIn } from '../../messages';
import { ApiError } from '../errors';
import type { Lang } from '../ports';
import { parseBankFile } from './bank-files';
import { decode } from './bank';

export async function refusedSheet(input: Input<'bank.refusedSheet'>, lang: Lang = 'zh-CN'): Promise<{ fileName: string; base64: string }> {
  const r = await parseBankFile(input.fileName, decode(input));
  if (r.refused.length === 0) throw new ApiError('bad_input', 'bank.nothingRefused', { fileName: input.fileName }, 'file');
  const say = (key: string, params?: Record<string, string | number>) => sayIn(lang, { key, params });
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow([...TEMPLATE_HEADER, say('bank.sheet.where'), say('bank.sheet.original'), say('bank.sheet.reason')]).font = { bold: true };
  for (const e of r.refused) {
    const why = r.errors.filter((x) => x.row === e.row).map((x) => sayIn(lang, x.message));
    const where = say(r.numbering === 'paragraph' ? 'bank.sheet.paragraph' : 'bank.sheet.row', { row: e.row });
    const row = ws.addRow([...templateRow(e.fields ?? {}).map((c) => (c === '' ? null : c)), where, e.text, why.join('；')]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  ws.columns.forEach((c, i) => (c.width = i === 1 || i === TEMPLATE_HEADER.length + 1 ? 40 : i === TEMPLATE_HEADER.length + 2 ? 30 : 12));
  const name = input.fileName.replace(/\.[^.]+$/, '');
  return { fileName: say('bank.sheet.fileName', { name }), base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}
