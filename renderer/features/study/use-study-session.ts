// Reports activity to the backend while a document is open. It never counts time itself: the
// backend owns the clock and the totals; this only says "visible / focused / input since last beat".
import { useEffect, useRef, useState } from 'react';
import type { StudyStatus } from '../../../electron/core/study-time';
import type { BeatReply, CheckView, StudyTotals } from '../../../electron/shared/api';
import { api, ApiFailure } from '../../lib/api';
import type { Message } from '../../../electron/core/message';

export type SessionState =
  | { kind: 'starting' }
  /** trouble: the last heartbeat was not kept (the server's disk is full), until one is kept again */
  | { kind: 'active'; status: StudyStatus; totals: StudyTotals; sessionMs: number; check: CheckView | null; answer: (text: string) => Promise<void>; trouble?: 'disk_full' }
  | { kind: 'ended'; reason: 'elsewhere' | 'error'; message: string | Message };

const INPUT_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export function useStudySession(campaignId: string, docId: string, textKey: string | null, enabled = true): SessionState {
  const [state, setState] = useState<SessionState>({ kind: 'starting' });
  const interacted = useRef(false);
  const answerRef = useRef<(text: string) => Promise<void>>(async () => undefined);

  useEffect(() => {
    if (!enabled) return;
    let sessionId: string | null = null;
    let timer: number | undefined;
    let stopped = false;
    let inFlight = false;

    const onInput = () => {
      interacted.current = true;
    };
    const show = (r: BeatReply) => setState({ kind: 'active', status: r.status, totals: r.totals, sessionMs: r.sessionCountedMs, check: r.check, answer: (t) => answerRef.current(t) });
    // Answering the attention check: a wrong answer throws (the prompt shows the message).
    answerRef.current = async (text: string) => {
      const current = lastCheck;
      if (!sessionId || !current) return;
      const r = await api['study.answerCheck']({ sessionId, checkId: current.id, answer: text });
      lastCheck = r.check;
      if (!stopped) show(r);
    };
    let lastCheck: CheckView | null = null;
    const sendBeat = async () => {
      if (!sessionId || stopped || inFlight) return;
      inFlight = true;
      const payload = {
        sessionId,
        visible: document.visibilityState === 'visible',
        focused: document.hasFocus(),
        interacted: interacted.current,
      };
      interacted.current = false;
      try {
        const r = await api['study.beat'](payload);
        lastCheck = r.check;
        if (!stopped) show(r);
      } catch (e) {
        if (stopped) return;
        if (e instanceof ApiFailure && e.code === 'conflict') {
          stopped = true;
          window.clearInterval(timer);
          setState({ kind: 'ended', reason: 'elsewhere', message: e.said ?? e.message });
        }
        // the server could not keep this beat (its disk is full): say so, the time since is not counted yet
        if (e instanceof ApiFailure && e.code === 'disk_full') setState((s) => (s.kind === 'active' ? { ...s, trouble: 'disk_full' } : s));
        // a network blip: the next beat tries again; at most one beat of time is at stake
      } finally {
        inFlight = false;
      }
    };
    const onStateChange = () => void sendBeat();

    (async () => {
      try {
        const r = await api['study.start']({ campaignId, docId, ...(textKey ? { key: textKey } : {}) });
        if (stopped) {
          void api['study.stop']({ sessionId: r.sessionId }).catch(() => undefined);
          return;
        }
        sessionId = r.sessionId;
        setState({ kind: 'active', status: { counting: true }, totals: r.totals, sessionMs: 0, check: null, answer: (t) => answerRef.current(t) });
        timer = window.setInterval(() => void sendBeat(), r.beatEveryMs);
      } catch (e) {
        if (!stopped) setState({ kind: 'ended', reason: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    })();
    for (const ev of INPUT_EVENTS) window.addEventListener(ev, onInput, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onStateChange);
    window.addEventListener('focus', onStateChange);
    window.addEventListener('blur', onStateChange);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      for (const ev of INPUT_EVENTS) window.removeEventListener(ev, onInput, { capture: true });
      document.removeEventListener('visibilitychange', onStateChange);
      window.removeEventListener('focus', onStateChange);
      window.removeEventListener('blur', onStateChange);
      if (sessionId) void api['study.stop']({ sessionId }).catch(() => undefined);
    };
  }, [campaignId, docId, textKey, enabled]);

  return state;
}
