// A tiny hash router: #/page/arg. Works the same from file:// (Electron) and http:// (browser mode).
import { useEffect, useState } from 'react';

export interface Route {
  page: string;
  arg: string | null;
  sub: string | null;
}

export function parseHash(hash: string): Route {
  const [page, arg, sub] = hash.replace(/^#\/?/, '').split('/');
  return { page: page || '', arg: arg ? decodeURIComponent(arg) : null, sub: sub ? decodeURIComponent(sub) : null };
}

export function hrefOf(page: string, arg?: string | null, sub?: string | null): string {
  return `#/${page}${arg ? `/${encodeURIComponent(arg)}` : ''}${arg && sub ? `/${encodeURIComponent(sub)}` : ''}`;
}

export function go(page: string, arg?: string | null, sub?: string | null) {
  window.location.hash = hrefOf(page, arg, sub);
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
