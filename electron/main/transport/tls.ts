// TLS for the LAN server: the plant's own certificate and key, or — the first time, when none is
// given — a self-signed certificate made here and kept in the data folder, whose SHA-256
// fingerprint the server prints so an admin can check it in the browser. The private key file is
// readable by its owner only.
import { X509Certificate, createPrivateKey, webcrypto } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../storage/durable-json-file';
import { MessageError, said } from '../../core/message';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, as browsers show it (AB:CD:…) */
  fingerprint: string;
  /** made now, kept from an earlier start, or the plant's own */
  source: 'generated' | 'kept' | 'supplied';
  certFile: string;
  validTo: string;
}

/** A certificate or key that cannot serve: a message of the catalog (its Chinese as `message`). */
export class TlsProblem extends MessageError {}

const CERT_NAME = 'anxue-cert.pem';
const KEY_NAME = 'anxue-key.pem';
/** a generated certificate is made again when it has less than this left */
const RENEW_MS = 30 * 86_400_000;
/** browsers accept at most 825 days for a server certificate */
const VALID_DAYS = 825;

function read(file: string, what: 'tls.cannotReadCert' | 'tls.cannotReadKey'): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new TlsProblem(said(what, { file, why: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
}

/** A certificate and its key: both readable, the key the certificate's, the certificate in date. */
function check(cert: string, key: string, certFile: string, keyFile: string, now: number): X509Certificate {
  let x: X509Certificate;
  try {
    x = new X509Certificate(cert);
  } catch {
    throw new TlsProblem(said('tls.notCert', { file: certFile }));
  }
  let k: ReturnType<typeof createPrivateKey>;
  try {
    k = createPrivateKey(key);
  } catch {
    throw new TlsProblem(said('tls.notKey', { file: keyFile }));
  }
  if (!x.checkPrivateKey(k)) throw new TlsProblem(said('tls.keyMismatch', { key: keyFile, cert: certFile }));
  if (Date.parse(x.validTo) <= now) throw new TlsProblem(said('tls.expired', { at: x.validTo, file: certFile }));
  if (Date.parse(x.validFrom) > now) throw new TlsProblem(said('tls.notYetValid', { at: x.validFrom, file: certFile }));
  return x;
}

/** The names and addresses a generated certificate is for: this PC's, and those the admin allowed. */
export function certificateNames(allowedHosts: readonly string[]): { dns: string[]; ips: string[] } {
  const ips = new Set(['127.0.0.1', '::1']);
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (!a.internal || a.address === '127.0.0.1') ips.add(a.address.split('%')[0]!);
  const dns = new Set(['localhost', os.hostname().toLowerCase(), ...allowedHosts.map((h) => h.toLowerCase())]);
  return { dns: [...dns].filter(Boolean), ips: [...ips] };
}

async function generate(names: { dns: string[]; ips: string[] }, now: number): Promise<{ cert: string; key: string }> {
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const serial = Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)));
  serial[0] = serial[0]! & 0x7f; // a positive serial number
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: `CN=${os.hostname() || 'anxue'}, O=Anxue LAN server`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + VALID_DAYS * 86_400_000),
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...names.dns.map((value) => ({ type: 'dns' as const, value })), ...names.ips.map((value) => ({ type: 'ip' as const, value }))]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { cert: cert.toString('pem') + '\n', key };
}

/**
 * The certificate to serve with: the files given (both or neither), or the one kept in
 * `<data>/tls/`, made there now when there is none (or it runs out within 30 days).
 */
export async function tlsMaterial(o: { dataDir: string; certFile?: string; keyFile?: string; allowedHosts?: readonly string[]; now?: number }): Promise<TlsMaterial> {
  const now = o.now ?? Date.now();
  if (o.certFile || o.keyFile) {
    if (!o.certFile || !o.keyFile) throw new TlsProblem(said('cli.tlsPair'));
    const cert = read(o.certFile, 'tls.cannotReadCert');
    const key = read(o.keyFile, 'tls.cannotReadKey');
    const x = check(cert, key, o.certFile, o.keyFile, now);
    return { cert, key, fingerprint: x.fingerprint256, source: 'supplied', certFile: path.resolve(o.certFile), validTo: x.validTo };
  }
  const dir = path.join(path.resolve(o.dataDir), 'tls');
  const certFile = path.join(dir, CERT_NAME);
  const keyFile = path.join(dir, KEY_NAME);
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = read(certFile, 'tls.cannotReadCert');
    const key = read(keyFile, 'tls.cannotReadKey');
    const x = check(cert, key, certFile, keyFile, now);
    if (Date.parse(x.validTo) - now > RENEW_MS) return { cert, key, fingerprint: x.fingerprint256, source: 'kept', certFile, validTo: x.validTo };
  }
  const made = await generate(certificateNames(o.allowedHosts ?? []), now);
  mkdirSync(dir, { recursive: true });
  await writeFileAtomic(keyFile, made.key);
  try {
    chmodSync(keyFile, 0o600);
  } catch {
    // Windows: the data folder's own permissions apply
  }
  await writeFileAtomic(certFile, made.cert);
  const x = new X509Certificate(made.cert);
  return { ...made, fingerprint: x.fingerprint256, source: 'generated', certFile, validTo: x.validTo };
}
