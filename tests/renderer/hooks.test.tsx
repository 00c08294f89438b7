// The page-state hooks against a typed fake client: the calls are the contract's own (a fake answers
// only what it is given, and the compiler checks each answer's shape), so a hook tested here talks
// to the backend the way the pages do — without a server.
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Person, Question } from '../../electron/core/model';
import type { AnxueClient, CallName, Input, Output, PracticeQuestion, QuizAttemptView, QuizResultView } from '../../electron/shared/api';
import { ApiFailure } from '../../renderer/lib/api';
import { readBuffer, useDraft } from '../../renderer/lib/use-draft';
import { useFileImport } from '../../renderer/lib/use-file-import';
import { useArchiveExport } from '../../renderer/features/archive/use-archive-export';
import { useQuestionFilter } from '../../renderer/features/bank/use-question-filter';
import { usePracticeRun } from '../../renderer/features/quiz/use-practice-run';
import { useQuizAttempt } from '../../renderer/features/quiz/use-quiz-attempt';
import { useLoad } from '../../renderer/features/shell/use-load';

/** A client that answers the calls it is given and refuses every other by name. */
function fakeClient(answers: Partial<AnxueClient>): AnxueClient {
  return new Proxy(answers as AnxueClient, {
    get: (target, name: string) => target[name as CallName] ?? (() => Promise.reject(new Error(`the fake client was not given ${name}`))),
  });
}

type Parts = { parts: Record<string, string> };

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useDraft (the essay and the 述职报告 while being written)', () => {
  it('keeps typed text on this PC until the server has it, says when the server is out of reach, and saves once it is back', async () => {
    let reachable = false;
    const sent: Parts[] = [];
    const client = fakeClient({
      'essay.save': async (input) => {
        if (!reachable) throw new ApiFailure('network', 'offline');
        sent.push({ parts: { ...input.parts } as Record<string, string> });
        return { savedAt: '2026-12-07T08:00:00.000Z' } as Awaited<ReturnType<AnxueClient['essay.save']>>;
      },
    });
    const onError = vi.fn();
    const { result } = renderHook(() =>
      useDraft<Parts>({ key: 'essay-c1', active: true, initialSavedAt: null, onError, everyMs: 1000, send: (v) => client['essay.save']({ campaignId: 'c1', parts: v.parts as never, accidents: [] }) }),
    );
    act(() => result.current.changed({ parts: { awareness: '巡检不到位' } }));
    // on this PC at once, before any save
    expect(readBuffer<Parts>('essay-c1')?.parts.awareness).toBe('巡检不到位');

    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(result.current.offline).toBe(true);
    expect(result.current.savedAt).toBeNull();
    expect(readBuffer<Parts>('essay-c1')?.parts.awareness).toBe('巡检不到位');
    // a network failure is shown as "offline", not as an error to read
    expect(onError).not.toHaveBeenCalled();

    reachable = true;
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(sent).toEqual([{ parts: { awareness: '巡检不到位' } }]);
    expect(result.current.offline).toBe(false);
    expect(result.current.savedAt).toBe('2026-12-07T08:00:00.000Z');
    expect(readBuffer('essay-c1')).toBeNull();

    // nothing new: no second save
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(sent).toHaveLength(1);
  });

  it('an answer other than "out of reach" is reported, and the text is kept to be saved again', async () => {
    const client = fakeClient({ 'essay.save': async () => Promise.reject(new ApiFailure('bad_input', '内容过长', 'parts')) });
    const onError = vi.fn();
    const { result } = renderHook(() =>
      useDraft<Parts>({ key: 'essay-c2', active: true, initialSavedAt: null, onError, everyMs: 1000, send: (v) => client['essay.save']({ campaignId: 'c2', parts: v.parts as never, accidents: [] }) }),
    );
    act(() => result.current.changed({ parts: { awareness: 'x' } }));
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]![0] as ApiFailure).field).toBe('parts');
    expect(readBuffer<Parts>('essay-c2')?.parts.awareness).toBe('x');
  });

  it('after submitting (done), nothing is left to save and the buffer is gone', async () => {
    const save = vi.fn(async () => ({ savedAt: 'now' }));
    const { result } = renderHook(() => useDraft<Parts>({ key: 'essay-c3', active: true, initialSavedAt: null, onError: () => undefined, everyMs: 1000, send: save }));
    act(() => result.current.changed({ parts: { awareness: 'y' } }));
    act(() => result.current.done());
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(save).not.toHaveBeenCalled();
    expect(readBuffer('essay-c3')).toBeNull();
  });
});

describe('useLoad (a page’s data)', () => {
  it('loads through the client, keeps a failure visible, and loads again on reload', async () => {
    let fail = true;
    const client = fakeClient({
      'campaign.list': async () => {
        if (fail) throw new ApiFailure('internal', '服务器出错');
        return [{ id: 'c1' }] as Awaited<ReturnType<AnxueClient['campaign.list']>>;
      },
    });
    const { result } = renderHook(() => useLoad(() => client['campaign.list']({}), []));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result.current.data).toBeNull();
    expect((result.current.error as ApiFailure).code).toBe('internal');
    fail = false;
    act(() => result.current.reload());
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result.current.data).toEqual([{ id: 'c1' }]);
    expect(result.current.error).toBeNull();
  });

  it('a call the fake was not given fails by name (the fake never answers for the backend)', async () => {
    const client = fakeClient({});
    await expect(client['roster.list']({})).rejects.toThrow('the fake client was not given roster.list');
  });
});

describe('useFileImport (the roster and the question bank: choose a file, see the preview, confirm)', () => {
  it('sends the file for a preview, commits that same file once confirmed, and starts over on a new choice', async () => {
    vi.useRealTimers(); // the file is read by FileReader, which runs on the real event loop
    const previews: Input<'roster.preview'>[] = [];
    const commits: Input<'roster.commit'>[] = [];
    const client = fakeClient({
      'roster.preview': async (u) => (previews.push(u), { ok: true, fileName: u.fileName, errors: [], rows: [] }),
      'roster.commit': async (u) => (commits.push(u), { created: 2, updated: 0, unchanged: 1, initialPasswords: [] }),
    });
    const onCommitted = vi.fn();
    const onError = vi.fn();
    const { result } = renderHook(() => useFileImport({ preview: (u) => client['roster.preview'](u), commit: (u) => client['roster.commit'](u), onCommitted, onError }));
    await act(() => result.current.choose(new File(['工号,姓名'], '花名册.csv')));
    expect(previews).toEqual([{ fileName: '花名册.csv', base64: Buffer.from('工号,姓名').toString('base64') }]);
    expect(result.current.preview?.ok).toBe(true);
    await act(() => result.current.commit());
    expect(commits).toEqual(previews);
    expect(result.current.result?.created).toBe(2);
    expect(result.current.preview).toBeNull();
    expect(onCommitted).toHaveBeenCalledWith(result.current.result);
    // nothing chosen any more: a second confirm sends nothing
    await act(() => result.current.commit());
    expect(commits).toHaveLength(1);
    // a new choice clears the last result
    await act(() => result.current.choose(undefined));
    expect(result.current.result).toBeNull();
    expect(onError).not.toHaveBeenCalledWith(expect.anything());
  });

  it('a refused file goes to the page’s error display and leaves nothing to confirm', async () => {
    vi.useRealTimers();
    const client = fakeClient({ 'bank.importPreview': async () => Promise.reject(new ApiFailure('bad_input', '文件格式不对', 'base64')) });
    const onError = vi.fn();
    const { result } = renderHook(() => useFileImport({ preview: (u) => client['bank.importPreview'](u), commit: (u) => client['bank.importCommit']({ ...u, bank: 'x' }), onError }));
    await act(() => result.current.choose(new File(['x'], '题库.xlsx')));
    expect((onError.mock.lastCall![0] as ApiFailure).field).toBe('base64');
    expect(result.current.preview).toBeNull();
    await act(() => result.current.commit());
    expect(onError).toHaveBeenCalledTimes(2); // the null that cleared it, then the failure: the commit sent nothing
  });
});

describe('useQuestionFilter (the question list of the bank page)', () => {
  const q = (id: string, o: Partial<Question>): Question => ({
    id,
    type: 'single',
    stem: id,
    options: ['甲', '乙'],
    answer: ['A'],
    explanation: '',
    score: 1,
    source: '',
    bank: '',
    difficulty: 0,
    category: '',
    tags: [],
    docId: '',
    version: 1,
    ...o,
  });
  const all = [
    q('受限空间作业前必须', { bank: '特殊作业', category: '受限空间' }),
    q('动火作业', { bank: '特殊作业', type: 'truefalse', tags: ['动火'] }),
    q('应急处置', { category: '应急' }),
    q('受限空间通风', { bank: '特殊作业', category: '受限空间' }),
  ];

  it('filters by bank, type, category and by text in the stem or a tag, and shows a page at a time', () => {
    const { result } = renderHook(() => useQuestionFilter(all, 2));
    expect(result.current.banks).toEqual(['', '特殊作业']);
    expect(result.current.categories).toEqual(['受限空间', '应急']);
    expect(result.current.visible.map((x) => x.id)).toEqual(['受限空间作业前必须', '动火作业']);
    expect(result.current.more).toBe(2);
    act(() => result.current.showMore());
    expect(result.current.visible).toHaveLength(4);
    expect(result.current.more).toBe(0);
    act(() => result.current.change({ bank: '特殊作业', category: '受限空间' }));
    expect(result.current.matches.map((x) => x.id)).toEqual(['受限空间作业前必须', '受限空间通风']);
    act(() => result.current.change({ category: '\u0000', type: 'truefalse' }));
    expect(result.current.matches.map((x) => x.id)).toEqual(['动火作业']);
    act(() => result.current.change({ type: '', bank: '\u0000', text: ' 动火 ' }));
    expect(result.current.matches.map((x) => x.id)).toEqual(['动火作业']);
    act(() => result.current.change({ text: '通风' }));
    expect(result.current.matches.map((x) => x.id)).toEqual(['受限空间通风']);
  });
});

describe('usePracticeRun (a practice set, one question at a time)', () => {
  const question = (id: string): PracticeQuestion => ({ id, type: 'single', stem: id, options: ['甲', '乙'], docId: 'd1', docTitle: '文件', category: '', inBook: false });
  const feedback = (correct: boolean): Output<'practice.answer'> => ({ correct, answer: ['A'], explanation: '解析', source: '第一条', cite: null, caseId: null, card: null });

  it('checks each answer with the server, counts the right ones, and moves on with a clean answer', async () => {
    const asked: Input<'practice.answer'>[] = [];
    let down = false;
    const client = fakeClient({
      'practice.answer': async (i) => {
        if (down) throw new ApiFailure('network', 'offline');
        asked.push(i);
        return feedback(i.answer[0] === 'A');
      },
    });
    const { result } = renderHook(() => usePracticeRun(client, 'c1', [question('q1'), question('q2')]));
    act(() => result.current.setValue(['A']));
    await act(() => result.current.check());
    expect(asked).toEqual([{ campaignId: 'c1', questionId: 'q1', answer: ['A'] }]);
    expect(result.current.feedback?.correct).toBe(true);
    expect(result.current.right).toBe(1);
    act(() => result.current.next());
    expect(result.current.question?.id).toBe('q2');
    expect(result.current.value).toEqual([]);
    expect(result.current.feedback).toBeNull();
    // a failure is shown, and the question stays to be answered again
    down = true;
    act(() => result.current.setValue(['B']));
    await act(() => result.current.check());
    expect((result.current.error as ApiFailure).code).toBe('network');
    expect(result.current.feedback).toBeNull();
    down = false;
    await act(() => result.current.check());
    expect(result.current.error).toBeNull();
    expect(result.current.feedback?.correct).toBe(false);
    expect(result.current.right).toBe(1);
    act(() => result.current.next());
    expect(result.current.finished).toBe(true);
  });
});

describe('useArchiveExport (the 档案 page: people chosen with ticks, one export for the choice)', () => {
  const person = (employeeNo: string, name: string, dept: string): Person => ({ employeeNo, name, dept, team: '一班', post: '', category: '主要负责人', leader: false });
  const people = [person('D001', '张三', '生产部'), person('D002', '李四', '生产部'), person('D003', '王五', '安全部')];

  it('one person chosen: their file at once; several: one batch job; the search narrows the people and "all" ticks those shown', async () => {
    const exported: string[] = [];
    const years: (string | undefined)[] = [];
    const batches: Input<'archive.batchStart'>[] = [];
    const client = fakeClient({
      'archive.exportPerson': async ({ employeeNo, year }) => (exported.push(employeeNo), years.push(year), { exportId: `x-${employeeNo}`, folder: '/tmp/x', files: [] }),
      'archive.batchStart': async (i) => (batches.push(i), { jobId: 'j1' } as Output<'archive.batchStart'>),
    });
    const onExported = vi.fn();
    const { result } = renderHook(() => useArchiveExport(client, people, { onExported, onError: () => undefined }));
    act(() => result.current.toggle('D003'));
    await act(() => result.current.exportChosen());
    expect(exported).toEqual(['D003']);
    expect(result.current.last).toMatchObject({ exportId: 'x-D003', employeeNo: 'D003' });
    // one person's file of one year
    act(() => result.current.setYear('2024'));
    act(() => result.current.toggle('D001'));
    await act(() => result.current.exportChosen());
    expect(years).toEqual([undefined, '2024']);
    expect(result.current.chosen.size).toBe(0);
    act(() => result.current.setQ('生产'));
    expect(result.current.shown.map((p) => p.employeeNo)).toEqual(['D001', 'D002']);
    act(() => result.current.toggleShown());
    expect(result.current.allShown).toBe(true);
    await act(() => result.current.exportChosen());
    expect(batches).toEqual([{ employeeNos: ['D001', 'D002'], zip: true }]);
    expect(result.current.batches).toBe(1);
    expect(result.current.last).toBeNull();
    expect(onExported).toHaveBeenCalledTimes(3);
    expect(result.current.busy).toBe(false);
  });

  it('a refused export goes to the page’s error display and keeps the choice', async () => {
    const client = fakeClient({ 'archive.exportPerson': async () => Promise.reject(new ApiFailure('forbidden', '无权导出')) });
    const onError = vi.fn();
    const { result } = renderHook(() => useArchiveExport(client, people, { onExported: () => undefined, onError }));
    act(() => result.current.toggle('D001'));
    await act(() => result.current.exportChosen());
    expect((onError.mock.lastCall![0] as ApiFailure).code).toBe('forbidden');
    expect([...result.current.chosen]).toEqual(['D001']);
    expect(result.current.busy).toBe(false);
  });
});

describe('useQuizAttempt (a paper being taken)', () => {
  const attempt: QuizAttemptView = { attemptId: 'a1', campaignId: 'c1', questions: [], answers: { q1: ['A'] }, remainingMs: 60_000, timeLimitMinutes: 1, maxLeaves: 3, leaves: 0, flags: [] };
  const handedIn = { attemptId: 'a1', score: 80 } as unknown as QuizResultView;

  it('saves answers and flags shortly after each change, and hands the paper in when the time is up, with the last answers', async () => {
    const saved: Input<'quiz.save'>[] = [];
    const submitted: Input<'quiz.submit'>[] = [];
    const client = fakeClient({
      'quiz.save': async (i) => (saved.push(i), { remainingMs: 0 }),
      'quiz.submit': async (i) => (submitted.push(i), handedIn),
    });
    const onDone = vi.fn();
    const { result } = renderHook(() => useQuizAttempt(client, attempt, onDone));
    act(() => result.current.answer('q2', ['B', 'C']));
    act(() => result.current.toggleFlag('q2'));
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(saved.at(-1)).toEqual({ attemptId: 'a1', answers: { q1: ['A'], q2: ['B', 'C'] }, flags: ['q2'] });
    act(() => result.current.toggleFlag('q2'));
    await act(() => vi.advanceTimersByTimeAsync(400));
    expect(saved.at(-1)!.flags).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(result.current.left).toBeLessThanOrEqual(30_000);
    expect(submitted).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(submitted).toEqual([{ attemptId: 'a1', answers: { q1: ['A'], q2: ['B', 'C'] } }]);
    expect(onDone).toHaveBeenCalledWith(handedIn);
    // handed in once, though the clock goes on
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(submitted).toHaveLength(1);
  });

  it('counts leaving the window once per time away, not while our own dialog has the focus, and ends when the backend hands the paper in', async () => {
    let leaves = 0;
    const client = fakeClient({
      'quiz.save': async () => ({ remainingMs: 0 }),
      'quiz.leave': async () => (++leaves, { leaves, submitted: leaves >= 2 ? handedIn : null }),
    });
    const onDone = vi.fn();
    const { result } = renderHook(() => useQuizAttempt(client, attempt, onDone));
    await act(async () => window.dispatchEvent(new Event('blur')));
    await act(async () => window.dispatchEvent(new Event('blur')));
    expect(result.current.leaves).toBe(1);
    await act(async () => window.dispatchEvent(new Event('focus')));
    result.current.confirming.current = true;
    await act(async () => window.dispatchEvent(new Event('blur')));
    expect(leaves).toBe(1);
    result.current.confirming.current = false;
    await act(async () => window.dispatchEvent(new Event('blur')));
    expect(result.current.leaves).toBe(2);
    expect(onDone).toHaveBeenCalledWith(handedIn);
  });

  it('a failed hand-in is shown and may be tried again', async () => {
    let fail = true;
    const client = fakeClient({
      'quiz.save': async () => ({ remainingMs: 0 }),
      'quiz.submit': async () => {
        if (fail) throw new ApiFailure('conflict', '试卷已交');
        return handedIn;
      },
    });
    const onDone = vi.fn();
    const { result } = renderHook(() => useQuizAttempt(client, attempt, onDone));
    await act(() => result.current.submit());
    expect((result.current.error as ApiFailure).code).toBe('conflict');
    fail = false;
    await act(() => result.current.submit());
    expect(onDone).toHaveBeenCalledWith(handedIn);
  });
});
