// The only renderer file that talks to the backend: window.anxue (Electron preload) when present,
// else fetch against the browser-mode server. Both carry the same contract.
import i18n from '../i18n';
import { CALL_NAMES, httpPath, type AnxueClient, type ApiErrorBody, type CallName, type Input, type Output } from '../../electron/shared/api';
import type { Message } from '../../electron/core/message';

declare global {
  interface Window {
    anxue?: AnxueClient;
  }
}

export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorBody['code'] | 'network',
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
    /** what the backend said, as a key of its catalog: shown in the user's language (lib/message-language.ts) */
    readonly said?: Message,
  ) {
    super(message);
  }
}

/** The failure an error body describes (a body without a key, from an older server: its message as it is). */
function failureOf(err: Partial<ApiErrorBody> & Pick<ApiErrorBody, 'code' | 'message'>): ApiFailure {
  return new ApiFailure(err.code, err.message, err.field, err.retryAfterSeconds, err.key ? { key: err.key, ...(err.params ? { params: err.params } : {}) } : undefined);
}

const TOKEN_KEY = 'anxue.token';
let token: string | null = sessionStorage.getItem(TOKEN_KEY);
const unauthListeners = new Set<() => void>();

export function setToken(t: string | null) {
  token = t;
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}
export function onUnauthenticated(fn: () => void): () => void {
  unauthListeners.add(fn);
  return () => unauthListeners.delete(fn);
}

async function httpCall<K extends CallName>(name: K, input: Input<K>, keepalive = false): Promise<Output<K>> {
  let res: Response;
  try {
    // an upload's chunk: its bytes are the body, where it goes is in the query (transport/upload-body.ts)
    const chunk = name === 'upload.chunk' ? (input as Input<'upload.chunk'>) : null;
    const target = chunk ? `${httpPath(name)}?uploadId=${encodeURIComponent(chunk.uploadId)}&offset=${chunk.offset}` : httpPath(name);
    res = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': chunk ? 'application/octet-stream' : 'application/json', 'X-Anxue-Lang': i18n.language, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: chunk ? chunk.data : JSON.stringify(input ?? {}),
      keepalive,
    });
  } catch {
    throw new ApiFailure('network', 'network');
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    throw failureOf((body ?? { code: 'internal', message: `HTTP ${res.status}` }) as ApiErrorBody);
  }
  return body as Output<K>;
}

function wrapIpc(client: AnxueClient): AnxueClient {
  const out = {} as Record<CallName, (i: unknown) => Promise<unknown>>;
  for (const name of CALL_NAMES) {
    out[name] = async (i: unknown) => {
      try {
        return await (client[name] as (x: unknown, lang: string) => Promise<unknown>)(i, i18n.language);
      } catch (e) {
        // Electron flattens errors to their message; the main process encodes the body as JSON there.
        const m = /(\{.*\})\s*$/.exec(e instanceof Error ? e.message : String(e));
        throw failureOf(m ? (JSON.parse(m[1]!) as ApiErrorBody) : { code: 'internal', message: String(e) });
      }
    };
  }
  return out as unknown as AnxueClient;
}

function httpClient(): AnxueClient {
  const out = {} as Record<CallName, (i: unknown) => Promise<unknown>>;
  for (const name of CALL_NAMES) out[name] = (i: unknown) => httpCall(name, i as never);
  return out as unknown as AnxueClient;
}

const base: AnxueClient = window.anxue ? wrapIpc(window.anxue) : httpClient();

/** Every call; an expired session sends the person back to the login screen. */
export const api: AnxueClient = new Proxy(base, {
  get(target, prop: string) {
    const fn = target[prop as CallName] as ((i: unknown) => Promise<unknown>) | undefined;
    if (!fn) return undefined;
    return async (i: unknown) => {
      try {
        return await fn(i ?? {});
      } catch (e) {
        if (e instanceof ApiFailure && e.code === 'unauthenticated' && prop !== 'auth.login' && prop !== 'auth.me') unauthListeners.forEach((l) => l());
        throw e;
      }
    };
  },
});

/**
 * A call that should still reach the backend while the page is closing (the last autosave): in
 * browser mode a keep-alive request (bodies up to 64 KB); in the desktop app an ordinary call.
 */
export function callWhileClosing<K extends CallName>(name: K, input: Input<K>): Promise<Output<K>> {
  return window.anxue ? (api[name] as (i: Input<K>) => Promise<Output<K>>)(input) : httpCall(name, input, true);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export function base64ToBlob(b64: string, type: string): Blob {
  return new Blob([base64ToBytes(b64)], { type });
}

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  json: 'application/json',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Save bytes the backend sent (base64) as a file in the browser's downloads. */
export function downloadBase64(fileName: string, base64: string): void {
  const url = URL.createObjectURL(base64ToBlob(base64, MIME[fileName.split('.').pop() ?? ''] ?? 'application/octet-stream'));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}
