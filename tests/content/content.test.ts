// The bundled content: guides, questions and cases as content/AUTHORING.md asks, every
// link resolving, and every citation of a law whose text is in ../shared/corpus checked against it.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { warningMonthRules, PAPER_OBJECTIVE } from '../../electron/core/campaign-template';
import { drawPaper, rulesTotal } from '../../electron/core/paper';
import { loadContent } from '../../electron/main/services/corpus/corpus';
import { removeDir, tempDir } from '../helpers/temp-app';
import { CONTENT_DIR, CORPUS_DIR, CORPUS_FILES, checkContent, corpusLaws, GUIDE_FLOOR, lookupClause } from './check-content';
import { nodeFiles } from '../../electron/main/files';

describe('bundled content', () => {
  const report = checkContent();

  it('has no defect: every guide, question and case as AUTHORING.md asks, every link and law citation holds', () => {
    // all at once, so one run names every defect
    expect(report.defects).toEqual([]);
  });

  it('300+ questions, 12+ cases, and a guide over the floor for every national document and law', () => {
    console.log(`[content] guides (characters): ${JSON.stringify(report.guides)}`);
    console.log(`[content] questions (${report.totalQuestions}): ${JSON.stringify(report.questions)}`);
    console.log(`[content] cases (${report.totalCases}): ${JSON.stringify(report.cases)}`);
    expect(report.totalQuestions).toBeGreaterThanOrEqual(300);
    expect(report.totalCases).toBeGreaterThanOrEqual(12);
    for (const id of ['work-safety-law', 'hazchem-regulations', 'emergency-regulations', 'accident-report-regulations', 'safety-license-regulations', 'gb-30871-2022', 'aqt-3034-2022', 'hazchem-standardization-grading', 'abnormal-condition-handling']) {
      expect(report.guides[id], id).toBeGreaterThanOrEqual(GUIDE_FLOOR);
    }
  });

  it('the corpus the citations are checked against is there (five law texts)', () => {
    const laws = corpusLaws(CORPUS_DIR);
    expect([...laws.keys()].sort()).toEqual(Object.keys(CORPUS_FILES).sort());
    // 安全生产法 has 119 articles; its 第二十八条 has four paragraphs, the fourth about the training file
    expect(laws.get('work-safety-law')!.size).toBe(119);
    const r = lookupClause(laws.get('work-safety-law')!, '第二十八条第四款');
    expect('text' in r && r.text).toContain('考核结果');
    expect(lookupClause(laws.get('work-safety-law')!, '第一百二十条')).toEqual({ error: '没有第一百二十条' });
    const item = lookupClause(laws.get('work-safety-law')!, '第九十七条第（四）项');
    expect('text' in item && item.text).toContain('未如实记录');
  });

  it('a question whose cited article lacks its answer’s key term, cites an article that does not exist, or copies the law’s sentence, is named as a defect', () => {
    const dir = tempDir('anxue-content-');
    try {
      cpSync(CONTENT_DIR, dir, { recursive: true });
      const file = path.join(dir, 'question-banks/work-safety-law.json');
      const bank = JSON.parse(readFileSync(file, 'utf8'));
      bank.questions[0].cite.terms = ['家庭住址'];
      bank.questions[1].cite.clause = '第一百五十条';
      // a stem that copies a sentence of the law (第二十八条第四款) instead of saying it in our words
      bank.questions[2].stem = '生产经营单位应当建立安全生产教育和培训档案，如实记录安全生产教育和培训的时间、内容、参加人员以及考核结果等情况。（判断）';
      writeFileSync(file, JSON.stringify(bank));
      const defects = checkContent(dir, CORPUS_DIR).defects;
      expect(defects).toContainEqual(expect.stringContaining(`${bank.questions[0].id}：`));
      expect(defects.find((d) => d.includes(bank.questions[0].id))).toContain('"家庭住址"');
      expect(defects.find((d) => d.includes(bank.questions[1].id))).toContain('没有第一百五十条');
      expect(defects.find((d) => d.includes(bank.questions[2].id))).toMatch(/照抄了法规原文（\d+ 字）/);
    } finally {
      removeDir(dir);
    }
  });

  it('the warning month’s default paper draws from every required document: 20 objective questions and a short answer, 100 points', () => {
    const content = loadContent(nodeFiles, CONTENT_DIR);
    const required = content.documents().filter((d) => d.required).map((d) => d.id);
    const rules = warningMonthRules(content.questions(), required);
    expect(rules).not.toBeNull();
    expect(rulesTotal(rules!)).toEqual({ count: PAPER_OBJECTIVE + 1, points: 100 });
    // whatever the draw, each required document is asked
    for (let seed = 0; seed < 20; seed++) {
      let x = seed + 1;
      const random = () => ((x = (x * 16807) % 2147483647) - 1) / 2147483646;
      const d = drawPaper(content.questions(), rules!, random);
      expect(d.ok).toBe(true);
      if (d.ok) for (const id of required) expect(d.questions.some((q) => q.docId === id), id).toBe(true);
    }
  });
});
