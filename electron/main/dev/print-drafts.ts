// Prints a sample of the questions drafted from each law text of a folder (../shared/corpus by
// default), spread across types and articles, so a reader can judge their quality by eye.
// Run: npm run drafts:print [-- <folder> [<per law>]]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { draftQuestions, type QuestionDraft } from '../../core/question-draft';
import { markdownBlocks } from '../services/corpus/text-extract';

const dir = path.resolve(process.argv[2] ?? path.join(process.cwd(), '../shared/corpus'));
const perLaw = Number(process.argv[3] ?? 20);
const TYPE_NAME = { single: '单选', multiple: '多选', truefalse: '判断', fill: '填空', short: '简答' } as const;

/** `n` drafts: an equal share of each kind (single, fill, true, false), evenly spaced through the text, in text order. */
function sample(drafts: QuestionDraft[], n: number): QuestionDraft[] {
  const buckets = [
    drafts.filter((d) => d.question.type === 'single'),
    drafts.filter((d) => d.question.type === 'fill'),
    drafts.filter((d) => d.question.type === 'truefalse' && d.question.answer[0] === 'T'),
    drafts.filter((d) => d.question.type === 'truefalse' && d.question.answer[0] === 'F'),
  ];
  // a kind with fewer than its share gives the rest to the others
  const quota = buckets.map(() => 0);
  for (let left = Math.min(n, drafts.length); left > 0;) {
    let gave = false;
    for (let i = 0; i < buckets.length && left > 0; i++)
      if (quota[i]! < buckets[i]!.length) {
        quota[i]! += 1;
        left -= 1;
        gave = true;
      }
    if (!gave) break;
  }
  const picked = new Set(buckets.flatMap((b, i) => Array.from({ length: quota[i]! }, (_, k) => b[Math.floor((k * b.length) / quota[i]!)]!)));
  return drafts.filter((d) => picked.has(d));
}

function print(d: QuestionDraft): string {
  const q = d.question;
  const lines = [`[${TYPE_NAME[q.type]}] ${q.source}`, `  ${q.stem}`];
  q.options.forEach((o, i) => lines.push(`    ${String.fromCharCode(65 + i)}. ${o}${q.answer.includes(String.fromCharCode(65 + i)) ? '  ✓' : ''}`));
  if (q.type === 'fill') lines.push(`  答案：${q.answer.join(' | ')}`);
  if (q.type === 'truefalse') lines.push(`  答案：${q.answer[0] === 'T' ? '正确' : '错误'}`);
  lines.push(`  解析：${q.explanation}`);
  return lines.join('\n');
}

for (const f of readdirSync(dir).filter((x) => x.endsWith('.md') && !/^[A-Z]/.test(x))) {
  const paragraphs = markdownBlocks(readFileSync(path.join(dir, f), 'utf8')).map((b) => b.text);
  const drafts = draftQuestions({ docId: f, title: f.replace(/\.md$/, ''), paragraphs });
  const count = (type: string, answer?: string) => drafts.filter((d) => d.question.type === type && (!answer || d.question.answer[0] === answer)).length;
  console.log(
    `\n## ${f}: ${drafts.length} drafts — single ${count('single')}, fill ${count('fill')}, true/false ${count('truefalse')} (${count('truefalse', 'T')} true, ${count('truefalse', 'F')} false)\n`,
  );
  for (const d of sample(drafts, perLaw)) console.log(`${print(d)}\n`);
}
