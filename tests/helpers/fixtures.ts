// Synthetic rosters (clearly fake people), written by the tests themselves.
import ExcelJS from 'exceljs';

export const HEADER = ['工号', '姓名', '部门/车间', '班组', '岗位', '人员类别', '班子成员'];
export const PEOPLE = [
  ['X001', '样例一', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否'],
  ['X002', '样例二', '甲醇车间', '合成二班', '班长', '特种作业人员', '否'],
  ['X003', '样例三', '安全环保部', '', '安全员', '安全管理人员', '否'],
];

export async function rosterXlsx(rows: string[][] = [HEADER, ...PEOPLE]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function rosterCsv(rows: string[][] = [HEADER, ...PEOPLE]): string {
  return rows.map((r) => r.join(',')).join('\r\n');
}

/** GBK bytes of the text (what Excel on Chinese Windows saves as "CSV"). */
export function gbk(text: string): Buffer {
  // Node's TextEncoder only does UTF-8; build GBK from a decoder table of the needed characters.
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}
