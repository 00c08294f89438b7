// The server's log of refused requests: one line each, escaped, and a flood cut short.
import { describe, expect, it, vi } from 'vitest';
import { requestLog } from '../../electron/main/transport/request-log';

describe('request log', () => {
  it('writes at most the burst per window, then one line counting what was left out', () => {
    const lines: string[] = [];
    let t = Date.parse('2026-12-02T08:00:00Z');
    const log = requestLog((l) => lines.push(l), 3, 10_000, () => t);
    for (let i = 0; i < 10; i++) log.refused(400, 'GET', `/%E${i}`, '10.0.0.9', '网址中的编码无效');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('[anxue] 2026-12-02T08:00:00.000Z 400 GET /%E0 from 10.0.0.9: 网址中的编码无效');
    t += 10_000;
    log.refused(421, 'POST', '/api/auth.login', '10.0.0.9', 'Host 不在允许的名单里：evil.example');
    expect(lines.slice(3)).toEqual([
      '[anxue] 另有 7 个请求被拒绝，未逐条记录 / 7 more refused requests not logged',
      '[anxue] 2026-12-02T08:00:10.000Z 421 POST /api/auth.login from 10.0.0.9: Host 不在允许的名单里：evil.example',
    ]);
  });

  it('shows control characters escaped and cuts long targets, so a request cannot forge log lines', () => {
    const lines: string[] = [];
    const log = requestLog((l) => lines.push(l), 30, 10_000, () => 0);
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
      const log = requestLog((l) => lines.push(l), 2, 10_000, () => Date.now());
      for (let i = 0; i < 5; i++) log.refused(400, 'GET', '/%E0', '10.0.0.9', 'bad');
      expect(lines).toHaveLength(2);
      vi.advanceTimersByTime(10_000);
      expect(lines[2]).toBe('[anxue] 另有 3 个请求被拒绝，未逐条记录 / 3 more refused requests not logged');
    } finally {
      vi.useRealTimers();
    }
  });
});
