// The server's log: refused requests one line each, escaped; failures once per distinct error with
// their reference and stack; every line within one limit, and a flood cut short with a count.
import { describe, expect, it, vi } from 'vitest';
import { boundedLog, REPEAT_MS } from '../../electron/main/log';
import { requestLog } from '../../electron/main/transport/request-log';

describe('request log', () => {
  it('writes at most the burst per window, then one line counting what was left out', () => {
    const lines: string[] = [];
    let t = Date.parse('2026-12-02T08:00:00Z');
    const log = requestLog(
      (l) => lines.push(l),
      3,
      10_000,
      () => t,
    );
    for (let i = 0; i < 10; i++) log.refused(400, 'GET', `/%E${i}`, '10.0.0.9', '网址中的编码无效');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('[anxue] 2026-12-02T08:00:00.000Z 400 GET /%E0 from 10.0.0.9: 网址中的编码无效');
    t += 10_000;
    log.refused(421, 'POST', '/api/auth.login', '10.0.0.9', 'Host 不在允许的名单里：evil.example');
    expect(lines.slice(3)).toEqual([
      '[anxue] 另有 7 行日志未逐条记录 / 7 more log lines not written',
      '[anxue] 2026-12-02T08:00:10.000Z 421 POST /api/auth.login from 10.0.0.9: Host 不在允许的名单里：evil.example',
    ]);
  });

  it('shows control characters escaped and cuts long targets, so a request cannot forge log lines', () => {
    const lines: string[] = [];
    const log = requestLog(
      (l) => lines.push(l),
      30,
      10_000,
      () => 0,
    );
    log.refused(400, 'GET', `/x\r\n[anxue] forged line${'a'.repeat(500)}`, '10.0.0.9', 'bad');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toContain('/x\\x0d\\x0a[anxue] forged line');
    expect(lines[0]!.length).toBeLessThan(300);
  });

  it('says what it left out when the window ends, even if nothing more comes', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const log = requestLog(
        (l) => lines.push(l),
        2,
        10_000,
        () => Date.now(),
      );
      for (let i = 0; i < 5; i++) log.refused(400, 'GET', '/%E0', '10.0.0.9', 'bad');
      expect(lines).toHaveLength(2);
      vi.advanceTimersByTime(10_000);
      expect(lines[2]).toBe('[anxue] 另有 3 行日志未逐条记录 / 3 more log lines not written');
    } finally {
      vi.useRealTimers();
    }
  });
});

/** An error thrown from one place (the same first frame every time), as a broken data file's read is. */
function brokenFile(name: string): Error {
  return new SyntaxError(`Unexpected end of JSON input in ${name}`);
}

describe('server log: failures and every other line within one limit', () => {
  it('a failure is written with its reference, then its stack; the stack lines count toward the limit', () => {
    const lines: string[] = [];
    const t = Date.parse('2026-12-02T08:00:00Z');
    const log = boundedLog(
      (l) => lines.push(l),
      30,
      10_000,
      () => t,
    );
    const ref = log.error('progress.mine', brokenFile('E003.json'));
    expect(ref).toMatch(/^[0-9a-f]{8}$/);
    expect(lines[0]).toBe(`[anxue] 2026-12-02T08:00:00.000Z progress.mine failed (ref ${ref}): SyntaxError: Unexpected end of JSON input in E003.json`);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(1).every((l) => /^\s+at /.test(l))).toBe(true);
    // the stack took its share of the 30: the refused requests after it get what is left
    const reqs = requestLog(undefined, 30, 10_000, () => t, log);
    for (let i = 0; i < 40; i++) reqs.refused(400, 'GET', '/%E0', '10.0.0.9', 'bad');
    expect(lines).toHaveLength(30);
  });

  it('300 of the same failure: written once; every caller gets that one reference; the rest is counted when the window ends', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const log = boundedLog(
        (l) => lines.push(l),
        30,
        10_000,
        () => Date.now(),
      );
      const refs = new Set<string>();
      for (let i = 0; i < 300; i++) refs.add(log.error('progress.mine', brokenFile('E003.json')));
      expect(refs.size).toBe(1);
      const [ref] = [...refs];
      const written = lines.length;
      expect(written).toBeLessThanOrEqual(30);
      expect(lines.filter((l) => l.includes(`(ref ${ref})`))).toHaveLength(1);
      vi.advanceTimersByTime(10_000);
      expect(lines.slice(written)).toEqual([`[anxue] 299 次服务器内部错误未逐条记录（编号 ${ref}） / 299 internal server errors not written one by one (refs ${ref})`]);
      // another error is another line with its own reference
      const other = log.error('quiz.submit', new RangeError('index out of range'));
      expect(other).not.toBe(ref);
      expect(lines[written + 1]).toContain(`quiz.submit failed (ref ${other}): RangeError: index out of range`);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a distinct failure that does not fit in the window is named by its reference on the counting line', () => {
    const lines: string[] = [];
    let t = 0;
    const log = boundedLog(
      (l) => lines.push(l),
      3,
      10_000,
      () => t,
    );
    for (let i = 0; i < 3; i++) log.line(`line ${i}`);
    const oneOfAKind = () => new Error('one of a kind');
    const lost = log.error('auth.login', oneOfAKind());
    expect(lines.join('\n')).not.toContain(lost);
    t += 10_000;
    log.line('next window');
    expect(lines[3]).toMatch(
      new RegExp(
        `^\\[anxue\\] 另有 \\d+ 行日志未逐条记录；1 次服务器内部错误未逐条记录（编号 ${lost}） / \\d+ more log lines not written; 1 internal server errors not written one by one \\(refs ${lost}\\)$`,
      ),
    );
    // not seen in the log yet, so the next one is written in full, under a reference of its own
    const again = log.error('auth.login', oneOfAKind());
    expect(again).not.toBe(lost);
    expect(lines.some((l) => l.includes(`(ref ${again})`))).toBe(true);
  });

  it('the same failure after REPEAT_MS is written again under a new reference (it still happens)', () => {
    const lines: string[] = [];
    let t = 0;
    const log = boundedLog(
      (l) => lines.push(l),
      30,
      10_000,
      () => t,
    );
    const e = brokenFile('E003.json');
    const a = log.error('progress.mine', e);
    t += REPEAT_MS - 1;
    expect(log.error('progress.mine', e)).toBe(a);
    t += 1;
    const b = log.error('progress.mine', e);
    expect(b).not.toBe(a);
    expect(lines.filter((l) => l.includes(`(ref ${b})`))).toHaveLength(1);
  });

  it('a line with line breaks counts as several; control characters are escaped', () => {
    const lines: string[] = [];
    const log = boundedLog(
      (l) => lines.push(l),
      3,
      10_000,
      () => 0,
    );
    log.line('one\ntwo\r\nthree\u001b[31m\rfour');
    expect(lines).toEqual(['one', 'two', 'three\\x1b[31m\\x0dfour']);
    log.line('five');
    log.flush();
    expect(lines[3]).toBe('[anxue] 另有 1 行日志未逐条记录 / 1 more log lines not written');
  });
});
