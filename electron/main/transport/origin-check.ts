// Which requests may make a call. A web page from another site, open in a browser that can reach
// this server (the admin's own browser on the server PC, say), can make that browser send a POST
// here: a form, or fetch in 'no-cors' mode. It cannot read the answer, but without this check the
// call would run — set up a fresh server with the page's own admin, or lock accounts by guessing
// from the server PC, which is never blocked as an address.
//
// Such a request gives itself away: a form or a no-cors fetch cannot send `application/json` (a
// page that asks for it must pass a CORS preflight, and this server answers none), and a browser
// names the page's origin in `Origin` (and says `Sec-Fetch-Site: cross-site`). Programs (the
// tests, a script with a token) send no Origin, and still must say their body is JSON.
import type { KnownMessage } from '../../shared/messages';
import type { IncomingHttpHeaders } from 'node:http';
import { hostName } from './host-check';

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v.join(',') : v);

/** `application/json`, optionally with `charset=utf-8` (the body is read as UTF-8 whatever it says). */
export function isJsonType(header: string | undefined): boolean {
  if (!header) return false;
  const [type = '', ...params] = header.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return params.every((p) => {
    const [k = '', v = ''] = p.split('=');
    return k.trim().toLowerCase() !== 'charset' || v.trim().replace(/^"|"$/g, '').toLowerCase() === 'utf-8';
  });
}

/**
 * This server's own origin as the request reached it: the scheme it was served on and the Host it
 * was sent to (which the Host check has already accepted). Null when Host is missing or malformed.
 */
export function ownOrigin(host: string | undefined, scheme: 'http' | 'https'): string | null {
  if (!host || hostName(host) === null) return null;
  try {
    return new URL(`${scheme}://${host.trim()}`).origin;
  } catch {
    return null;
  }
}

/** `Origin` as a browser sends it, normalized (default port left out, lower case); null for 'null' or anything else. */
function originOf(header: string): string | null {
  try {
    const u = new URL(header.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** `application/octet-stream`: a chunk of an upload (no form or no-cors fetch can send it either). */
export function isBytesType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/octet-stream';
}

/**
 * Why this request may not make a call (a message of the catalog), or null when it may. Every call is a
 * POST, and each is held to this: reading calls too, so no rule has to decide which calls change
 * nothing. `body: 'bytes'` (an upload's chunk) wants application/octet-stream instead of JSON: that type
 * too needs a CORS preflight, which this server never answers.
 */
export function crossSiteRefusal(headers: IncomingHttpHeaders, scheme: 'http' | 'https', body: 'json' | 'bytes' = 'json'): KnownMessage | null {
  const site = one(headers['sec-fetch-site'])?.trim().toLowerCase();
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { key: 'transport.otherSitePage', params: { site } };
  }
  const origin = one(headers.origin);
  if (origin !== undefined) {
    const own = ownOrigin(one(headers.host), scheme);
    if (own === null || originOf(origin) !== own) {
      const shown = origin.slice(0, 100);
      return { key: 'transport.otherSite', params: { origin: shown } };
    }
  }
  if (body === 'bytes') return isBytesType(one(headers['content-type'])) ? null : { key: 'upload.notOctetStream' };
  if (!isJsonType(one(headers['content-type']))) {
    return { key: 'transport.notJson' };
  }
  return null;
}
