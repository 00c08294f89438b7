// Autosave for what a person writes (the essay, the 述职报告): every few seconds, when the page is
// hidden or closed (with a request that outlives the page), and when the editor goes away.
import { useEffect, useRef } from 'react';

/** `save(closing)` is asked to save if there is anything new; `active`: only while it can be edited. */
export function useAutosave(save: (closing: boolean) => Promise<void>, active: boolean, everyMs = 5000): void {
  const latest = useRef(save);
  latest.current = save;
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(() => void latest.current(false), everyMs);
    const onHide = () => void latest.current(true);
    const onVisibility = () => document.visibilityState === 'hidden' && onHide();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(id);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void latest.current(false);
    };
  }, [active, everyMs]);
}
