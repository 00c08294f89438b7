// Question banks (题库): import from the spreadsheets officers have, with a preview; nothing is
// written when any row is bad. A downloadable template shows our own layout.
import { parseQuestionTable, type ImportError } from '../../core/question-import';
import { QUESTION_TYPES, type QuestionType } from '../../core/model';
import type { BankPreview, Input } from '../../shared/api';
import { bankQuestions } from './campaign';
import { ApiError } from './errors';
import type { Ports } from './ports';
import { readTable } from './table-file';

function decode(input: { base64: string }): Uint8Array {
  const b = Buffer.from(input.base64, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

export async function previewBank(ports: Ports, input: Input<'bank.importPreview'>): Promise<BankPreview> {
  const rows = await readTable(input.fileName, decode(input));
  const r = parseQuestionTable(rows);
  const counts = Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;
  if (!r.ok) return { ok: false, fileName: input.fileName, layout: null, counts, total: 0, duplicates: 0, sample: [], errors: r.errors };
  const have = new Set((await bankQuestions(ports)).map((q) => q.id));
  for (const q of r.questions) counts[q.type] += 1;
  return {
    ok: true,
    fileName: input.fileName,
    layout: r.layout,
    counts,
    total: r.questions.length,
    duplicates: r.questions.filter((q) => have.has(q.id)).length,
    sample: r.questions.slice(0, 8),
    errors: [],
  };
}

export function firstBankError(fileName: string, errors: ImportError[]): string {
  const e = errors[0]!;
  return `${fileName} 第 ${e.row} 行「${e.column}」：${e.message}${errors.length > 1 ? `（另有 ${errors.length - 1} 处错误）` : ''}`;
}

export async function commitBank(ports: Ports, input: Input<'bank.importCommit'>): Promise<{ added: number; duplicates: number }> {
  const rows = await readTable(input.fileName, decode(input));
  const r = parseQuestionTable(rows);
  if (!r.ok) throw new ApiError('bad_input', firstBankError(input.fileName, r.errors), 'file');
  await bankQuestions(ports); // the bundled questions are seeded first, as everywhere else
  return ports.store.questions.update((f) => {
    const have = new Set(f.questions.map((q) => q.id));
    let added = 0;
    let duplicates = 0;
    for (const q of r.questions) {
      if (have.has(q.id)) {
        duplicates += 1;
        continue;
      }
      have.add(q.id);
      f.questions.push({ ...q, bank: input.bank });
      added += 1;
    }
    return { added, duplicates };
  });
}

/** Our template: the header and a few examples the team wrote, one per type. */
export async function bankTemplate(): Promise<{ fileName: string; base64: string }> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow(['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析', '分值', '难度']).font = { bold: true };
  ws.addRow(['单选', '受限空间作业前，首先应当做什么？', '通风', '进入检查', '点火照明', '', '', '', 'A', '先通风、再检测、后作业。', 2, 1]);
  ws.addRow(['多选', '下列哪些属于特殊作业？', '动火作业', '受限空间作业', '日常巡检', '吊装作业', '', '', 'ABD', '', 2, 2]);
  ws.addRow(['判断', '动火作业前必须进行气体分析。', '', '', '', '', '', '', '正确', '', 1, 1]);
  ws.addRow(['填空', '受限空间作业要“先通风、再____、后作业”。', '', '', '', '', '', '', '检测', '多个可接受的答案用 | 分开', 2, 1]);
  ws.addRow(['简答', '结合本岗位，说明最大的一项风险和防范措施。', '', '', '', '', '', '', '参考答案写在这里', '', 10, 3]);
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 40 : 12));
  return { fileName: '安学题库模板.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}
