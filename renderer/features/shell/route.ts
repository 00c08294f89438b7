// A tiny hash router: #/page/arg/sub?name=value. Works the same from file:// (Electron) and http:// (browser mode).
import { useEffect, useState } from 'react';

export interface Route {
  page: string;
  arg: string | null;
  sub: string | null;
  /** what follows '?': a place inside the page (the reader's ?unit=第二十八条) */
  query: Record<string, string>;
}

export function parseHash(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [page, arg, sub] = path.split('/');
  return { page: page || '', arg: arg ? decodeURIComponent(arg) : null, sub: sub ? decodeURIComponent(sub) : null, query: Object.fromEntries(new URLSearchParams(search)) };
}

export function hrefOf(page: string, arg?: string | null, sub?: string | null, query?: Record<string, string>): string {
  const search = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
  return `#/${page}${arg ? `/${encodeURIComponent(arg)}` : ''}${arg && sub ? `/${encodeURIComponent(sub)}` : ''}${search}`;
}

export function go(page: string, arg?: string | null, sub?: string | null, query?: Record<string, string>) {
  window.location.hash = hrefOf(page, arg, sub, query);
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
