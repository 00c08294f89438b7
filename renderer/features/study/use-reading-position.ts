// Where the person stopped reading this text: saved while they scroll, restored when they return.
import { useEffect, useRef } from 'react';
import { api } from '../../lib/api';

function scrollRatio(): number {
  const max = document.documentElement.scrollHeight - window.innerHeight;
  return max <= 0 ? 0 : Math.min(1, Math.max(0, window.scrollY / max));
}

/** Call restore() once the text is laid out; the position is saved every few seconds of scrolling. */
export function useReadingPosition(docId: string, key: string | null, enabled: boolean) {
  const saved = useRef<number | null>(null);
  const loaded = useRef<Promise<void> | null>(null);
  useEffect(() => {
    if (!key || !enabled) return;
    loaded.current = api['reader.position']({ docId, key }).then(
      (r) => void (saved.current = r.ratio),
      () => undefined,
    );
    let timer: number | undefined;
    let last = -1;
    const save = () => {
      const ratio = Math.round(scrollRatio() * 1000) / 1000;
      if (Math.abs(ratio - last) < 0.005) return;
      last = ratio;
      void api['reader.savePosition']({ docId, key, ratio }).catch(() => undefined);
    };
    const onScroll = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 1500);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.clearTimeout(timer);
      save();
    };
  }, [docId, key, enabled]);
  return {
    async restore() {
      await loaded.current;
      if (saved.current === null || saved.current <= 0) return;
      const max = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollTo({ top: saved.current * max });
    },
  };
}
