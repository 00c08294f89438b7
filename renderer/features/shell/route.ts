// A tiny hash router: #/page/arg. Works the same from file:// (Electron) and http:// (browser mode).
import { useEffect, useState } from 'react';

export interface Route {
  page: string;
  arg: string | null;
}

export function parseHash(hash: string): Route {
  const [page, arg] = hash.replace(/^#\/?/, '').split('/');
  return { page: page || '', arg: arg ? decodeURIComponent(arg) : null };
}

export function go(page: string, arg?: string) {
  window.location.hash = `#/${page}${arg ? `/${encodeURIComponent(arg)}` : ''}`;
}

export function useRoute(): Route {
  const [r, setR] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setR(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return r;
}
