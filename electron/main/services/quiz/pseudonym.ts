// Anonymous grading: while a campaign grades anonymously, a grader is shown a
// paper's pseudonym, never its 工号 or name, and grades through an opaque reference the server
// alone can open. Both come from a key of the enterprise's that is kept in its data and never sent
// to a renderer: without it, the roster (which officers have) cannot be turned into pseudonyms.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Ports } from '../ports';

/** The enterprise's pseudonym key, made the first time it is needed. */
export async function pseudonymKey(ports: Ports): Promise<Buffer> {
  const have = (await ports.store.meta.peek()).pseudonymKey;
  if (have) return Buffer.from(have, 'base64');
  let key = '';
  await ports.store.meta.update((m) => {
    m.pseudonymKey ??= randomBytes(32).toString('base64');
    key = m.pseudonymKey;
  });
  return Buffer.from(key, 'base64');
}

const subKey = (key: Buffer, use: 'paper' | 'ref') => createHmac('sha256', key).update(`anxue-${use}`).digest();

/** A person's paper in one campaign: eight characters, the same every time, different per campaign. */
export function paperOf(key: Buffer, campaignId: string, employeeNo: string): string {
  return createHmac('sha256', subKey(key, 'paper')).update(`${campaignId}\n${employeeNo}`).digest('hex').slice(0, 8).toUpperCase();
}

export interface AnswerRef {
  employeeNo: string;
  attemptId: string;
}

/** An answer's reference for grading: sealed (AES-256-GCM), so it says nothing to whoever holds it. */
export function sealRef(key: Buffer, r: AnswerRef): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', subKey(key, 'ref'), iv);
  const body = Buffer.concat([c.update(JSON.stringify([r.employeeNo, r.attemptId]), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

/** What a reference names, or null when it was not made with this key (or was changed). */
export function openRef(key: Buffer, ref: string): AnswerRef | null {
  try {
    const raw = Buffer.from(ref, 'base64url');
    if (raw.length < 29) return null;
    const d = createDecipheriv('aes-256-gcm', subKey(key, 'ref'), raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    const [employeeNo, attemptId] = JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')) as [unknown, unknown];
    return typeof employeeNo === 'string' && typeof attemptId === 'string' ? { employeeNo, attemptId } : null;
  } catch {
    return null;
  }
}
