// 年度学时台账 as .xlsx: the title and the rule, one row per person, and a sheet per grouping.
import type { Input } from '../../../shared/api';
import type { Lang, Ports } from '../ports';
import { yearView } from './year';
import { YEAR_LEDGER_WORDS } from './year-words';

export async function yearLedger(ports: Ports, input: Input<'year.ledger'>, lang: Lang = 'zh-CN'): Promise<{ fileName: string; base64: string }> {
  const w = YEAR_LEDGER_WORDS[lang];
  const v = await yearView(ports, input);
  const { enterprise } = await ports.store.meta.peek();
  const { default: ExcelJS } = await import('exceljs'); // loaded when first needed: keeps start-up light
  const wb = new ExcelJS.Workbook();
  wb.creator = '安学 Anxue';
  const ws = wb.addWorksheet(w.sheet);
  ws.columns = [10, 10, 14, 12, 14, 12, 10, 18, 10, 10, 40].map((width) => ({ width }));
  ws.addRow([w.title(enterprise ?? '', v.year)]).font = { bold: true, size: 14 };
  const rule = ws.addRow([
    w.rule(
      v.year,
      v.asOf,
      v.minutesPerCreditHour,
      Object.entries(v.targets).map(([k, t]) => [k, t.annual, t.initial]),
    ),
  ]);
  ws.mergeCells(rule.number, 1, rule.number, w.headers.length);
  rule.alignment = { wrapText: true, vertical: 'top' };
  rule.height = 48;
  ws.addRow(w.headers).font = { bold: true };
  const names = new Map(v.campaigns.map((c) => [c.id, c.name]));
  for (const r of v.rows) {
    ws.addRow([
      r.employeeNo,
      r.name,
      r.dept,
      r.team,
      r.category,
      r.creditHours,
      r.requiredCreditHours,
      w.requirement[r.requirement],
      r.met ? w.yes : w.no,
      r.shortCreditHours,
      r.campaignIds.map((id) => names.get(id)).join(w.joiner),
    ]);
  }
  for (const g of ['dept', 'team', 'category'] as const) {
    const gs = wb.addWorksheet(w.groupSheets[g]);
    gs.columns = w.groupHeaders[g].map((h) => ({ width: Math.max(10, h.length * 2) }));
    gs.addRow(w.groupHeaders[g]).font = { bold: true };
    for (const x of v.groups[g]) gs.addRow([...(g === 'team' ? [x.dept ?? ''] : []), x.key, x.people, x.met, x.short, x.averageCreditHours]);
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: w.fileName(v.year), base64: buf.toString('base64') };
}
