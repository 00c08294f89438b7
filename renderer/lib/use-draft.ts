// What a person writes at length (the essay, the 述职报告): saved to the server every few seconds and
// when the page goes away; kept in this PC's browser storage until the server has it, so text
// typed while the network is down is not lost; pasted text cleaned of Word's formatting.
import { useRef, useState } from 'react';
import { cleanPastedText } from '../../electron/core/essay';
import { useAutosave } from './use-autosave';

/** A value as buffered on this PC, with when it was typed. */
export type Buffered<V> = V & { at: string };

export function readBuffer<V>(key: string): Buffered<V> | null {
  const raw = localStorage.getItem(key);
  return raw ? (JSON.parse(raw) as Buffered<V>) : null;
}

/**
 * `send(value, closing)` saves to the server (closing: with a request that outlives the page).
 * Returns the time of the last save, whether the server is out of reach, and `changed` (call it
 * with each new value), `restored` (the value came from the buffer and is to be saved), `done`
 * (nothing is left to save: submitted).
 */
export function useDraft<V extends object>(o: {
  key: string;
  active: boolean;
  send: (value: V, closing: boolean) => Promise<{ savedAt: string }>;
  onError: (e: unknown) => void;
  initialSavedAt: string | null;
  everyMs?: number;
}) {
  const [savedAt, setSavedAt] = useState<string | null>(o.initialSavedAt);
  const [offline, setOffline] = useState(false);
  const dirty = useRef(false);
  const value = useRef<V | null>(null);
  async function save(closing: boolean) {
    if (!dirty.current || !value.current || !o.active) return;
    dirty.current = false;
    try {
      const r = await o.send(value.current, closing);
      setSavedAt(r.savedAt);
      setOffline(false);
      if (!dirty.current) localStorage.removeItem(o.key);
    } catch (e) {
      dirty.current = true;
      setOffline(true);
      if (!(e instanceof Error && 'code' in e && (e as { code: string }).code === 'network')) o.onError(e);
    }
  }
  useAutosave(save, o.active, o.everyMs ?? 5000);
  return {
    savedAt,
    setSavedAt,
    offline,
    changed(v: V) {
      value.current = v;
      dirty.current = true;
      localStorage.setItem(o.key, JSON.stringify({ ...v, at: new Date().toISOString() }));
    },
    restored(v: V) {
      value.current = v;
      dirty.current = true;
    },
    done() {
      dirty.current = false;
      localStorage.removeItem(o.key);
    },
  };
}

/** Paste into a textarea as plain text (paragraphs kept, formatting dropped); the caret after it. */
export function pasteCleaned(e: React.ClipboardEvent<HTMLTextAreaElement>, set: (text: string) => void): void {
  const text = e.clipboardData.getData('text/plain');
  if (!text) return;
  e.preventDefault();
  const el = e.currentTarget;
  const clean = cleanPastedText(text);
  const caret = el.selectionStart + clean.length;
  set(el.value.slice(0, el.selectionStart) + clean + el.value.slice(el.selectionEnd));
  requestAnimationFrame(() => el.setSelectionRange(caret, caret));
}
