// A secret under a password: scrypt (the cost of the password hashes, so a copy of the secret is no
// easier to attack than the password it is under) + AES-256-GCM. The enterprise's signing key
// (services/signing/signing.ts) and the records' seal key (seal.ts) are each kept once per admin this way.
import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scrypt(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, 32, SCRYPT, (e, k) => (e ? reject(e) : resolve(k))));
}

/** `secret` under `password`, as one printable string. */
export async function wrapSecret(secret: Buffer, password: string): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', await scrypt(password, salt), iv);
  const body = Buffer.concat([c.update(secret), c.final()]);
  return ['v1', salt, iv, c.getAuthTag(), body].map((x) => (typeof x === 'string' ? x : x.toString('base64'))).join('$');
}

/** The secret, or null when the password is not the one it is under (or the string is not a wrap). */
export async function unwrapSecret(wrapped: string, password: string): Promise<Buffer | null> {
  const [v, salt, iv, tag, body] = wrapped.split('$');
  if (v !== 'v1' || !salt || !iv || !tag || !body) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', await scrypt(password, Buffer.from(salt, 'base64')), Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]);
  } catch {
    return null;
  }
}
