// Copy detection: known overlaps rank as expected; passages map back onto the original text.
import { describe, expect, it } from 'vitest';
import { compareAll, fold, sharedPassages } from '../../electron/core/similarity';

// Four essays the team wrote for this test (about 200 characters each).
const ORIGINAL =
  '我在甲醇车间从事操作工作已有六年。对照九七事故，我发现自己在巡检时存在走过场的问题，有时只看仪表读数，不到现场确认阀门状态。' +
  '交接班时也没有把设备的异常情况交代清楚。今后我要严格按照巡检路线逐点检查，发现问题立即报告班长，并认真填写记录。';
const OTHER =
  '作为储运车间的装卸工，我对危险化学品装卸的风险认识不足。过去在罐车静电接地没有完成时就开始卸车，这是严重的违章行为。' +
  '这次警示教育让我认识到，任何一次侥幸都可能酿成大祸。我保证今后每次装卸前都检查接地和防溢流装置，并请同事相互监督。';
const THIRD =
  '我是合成氨车间的班长，平时对班组成员的安全培训抓得不紧，认为老员工经验丰富不需要反复讲。事故说明经验不能代替规程，' +
  '我要每周组织一次班前安全讲话，带领大家学习操作规程，对新员工实行师带徒，确保每个人都会应急处置。';
// a paragraph (the first sentence block of ORIGINAL) lifted into an otherwise own essay
const PARAGRAPH_COPY =
  '对照九七事故，我发现自己在巡检时存在走过场的问题，有时只看仪表读数，不到现场确认阀门状态。' +
  '我在压缩岗位工作，压缩机的振动和温度是我每天必须关注的，以前有几次温度偏高我没有及时上报，想着过一会儿就会降下来。今后一定按规定处置。';
// ORIGINAL with light edits: a few words changed, punctuation and spaces different
const LIGHT_EDIT =
  '我在甲醇车间从事操作工作已有五年 。对照九七事故 , 我发现自己在巡检时存在走过场的问题；有时只看仪表读数，不到现场确认阀门的状态。' +
  '交接班时也没有把设备的异常情况交代清楚！今后我要严格按照巡检路线逐点检查，发现问题马上报告班长，并认真填写记录。';

describe('copy detection', () => {
  const docs = [
    { id: 'original', text: ORIGINAL },
    { id: 'other', text: OTHER },
    { id: 'third', text: THIRD },
    { id: 'paragraph', text: PARAGRAPH_COPY },
    { id: 'light', text: LIGHT_EDIT },
  ];
  const results = Object.fromEntries(compareAll(docs).map((r) => [r.id, r]));

  it('a lightly edited copy is almost all shared with its source, and the source with it', () => {
    expect(results.light!.matches[0]).toMatchObject({ id: 'original' });
    expect(results.light!.matches[0]!.share).toBeGreaterThan(0.8);
    expect(results.original!.matches[0]!.id).toBe('light');
  });

  it('a copied paragraph is found, in proportion to its length', () => {
    const m = results.paragraph!.matches[0]!;
    expect(m.id).toBe('original');
    // the copied part is 41 of the essay's 102 counted characters
    expect(m.share).toBeGreaterThan(0.3);
    expect(m.share).toBeLessThan(0.5);
  });

  it('original essays share nothing of note (set phrases are shorter than a shingle)', () => {
    expect(results.other!.share).toBeLessThan(0.05);
    expect(results.third!.share).toBeLessThan(0.05);
  });

  it('ranks: light edit > copied paragraph > originals', () => {
    const best = (id: string) => results[id]!.matches[0]?.share ?? 0;
    expect(best('light')).toBeGreaterThan(best('paragraph'));
    expect(best('paragraph')).toBeGreaterThan(best('other'));
    expect(best('paragraph')).toBeGreaterThan(best('third'));
  });

  it('sources (template prompts, study notes) are compared against but not reported as essays', () => {
    const prompt = '对照事故教训，自己在风险意识、规章意识上有哪些欠缺？举出具体的事例。';
    const r = compareAll([
      { id: 'prompt', text: prompt, source: true },
      { id: 'lazy', text: `${prompt}我没有欠缺。` },
      { id: 'own', text: OTHER },
    ]);
    expect(r.map((x) => x.id)).toEqual(['lazy', 'own']);
    expect(r[0]!.matches[0]).toMatchObject({ id: 'prompt', source: true });
    expect(r[0]!.matches[0]!.share).toBeGreaterThan(0.8);
  });

  it('the shared passages map back onto each original text, punctuation and spaces included', () => {
    const p = sharedPassages(PARAGRAPH_COPY, ORIGINAL);
    expect(p.a).toHaveLength(1);
    expect(PARAGRAPH_COPY.slice(p.a[0]!.start, p.a[0]!.end)).toBe('对照九七事故，我发现自己在巡检时存在走过场的问题，有时只看仪表读数，不到现场确认阀门状态');
    expect(ORIGINAL.slice(p.b[0]!.start, p.b[0]!.end)).toBe('对照九七事故，我发现自己在巡检时存在走过场的问题，有时只看仪表读数，不到现场确认阀门状态');
    expect(p.shareOfA).toBeCloseTo(results.paragraph!.matches[0]!.share, 6);
    const light = sharedPassages(LIGHT_EDIT, ORIGINAL);
    expect(light.a.length).toBeGreaterThan(2);
    for (const s of light.a) expect(LIGHT_EDIT.slice(s.start, s.end).length).toBeGreaterThanOrEqual(8);
  });

  it('folding drops spaces and punctuation, folds full-width letters and case, keeps offsets', () => {
    const f = fold('Ａb， c1２ 安全！');
    expect(f.text).toBe('abc12安全');
    expect([...f.at]).toEqual([0, 1, 4, 5, 6, 8, 9]);
  });
});

describe('folding is the same for the check and for the passages', () => {
  it('a full-width copy of a half-width text counts as copied', () => {
    const a = 'GB30871-2022 规定动火作业前必须进行气体分析并办理作业票';
    const b = 'ＧＢ３０８７１－２０２２ 规定动火作业前必须进行气体分析并办理作业票';
    const r = compareAll([
      { id: 'a', text: a },
      { id: 'b', text: b },
    ]);
    expect(r[1]!.matches[0]!.share).toBe(1);
    expect(sharedPassages(b, a).shareOfA).toBe(1);
  });
});

describe('many people copying the same template', () => {
  it('every copy is found whole, and the work stays linear (600 identical essays)', () => {
    const template = '我在工作中安全意识不强，存在麻痹大意思想，对照事故教训，今后一定严格遵守各项规章制度，杜绝违章作业，确保安全生产。';
    const docs = Array.from({ length: 600 }, (_, i) => ({ id: `P${i}`, text: template }));
    docs.push({ id: 'own', text: '我是装卸工，曾在静电接地没有完成时就开始卸车，以后每次装卸前先检查接地。' });
    const r = compareAll(docs);
    for (const x of r.slice(0, 600)) {
      expect(x.share).toBe(1);
      expect(x.matches[0]!.share).toBe(1);
    }
    expect(r[600]!.share).toBe(0);
  });
});
