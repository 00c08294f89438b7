// The page-state hooks against a typed fake client: the calls are the contract's own (a fake answers
// only what it is given, and the compiler checks each answer's shape), so a hook tested here talks
// to the backend the way the pages do — without a server.
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnxueClient, CallName } from '../../electron/shared/api';
import { ApiFailure } from '../../renderer/lib/api';
import { readBuffer, useDraft } from '../../renderer/lib/use-draft';
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
    const { result } = renderHook(() => useDraft<Parts>({ key: 'essay-c2', active: true, initialSavedAt: null, onError, everyMs: 1000, send: (v) => client['essay.save']({ campaignId: 'c2', parts: v.parts as never, accidents: [] }) }));
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
