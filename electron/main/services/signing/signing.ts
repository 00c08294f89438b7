// Signed records. The enterprise has an Ed25519 key, made at setup and kept in the
// data apart from the records (signing.json): its public half in clear, its private half encrypted
// once per admin under that admin's password (scrypt + AES-256-GCM). An admin's sign-in unlocks it
// for the running process; nothing else can. With it the app signs
//   - every export's manifest (manifest.sig beside manifest.json), checked by `verify --key`;
//   - checkpoints of the live data (checkpoints.json, append-only, each linked to the one before and
//     signed): every person's record count and chain head, at each day's end and on every export.
// A record rewritten after a checkpoint — even with its hashes recomputed — no longer matches it:
// `anxue check` and the next export name the person and the first record that no longer matches.
// What it does not prove: whoever holds the data folder AND an admin's password can make new
// checkpoints over a rewritten history; the plant hands the latest checkpoint's digest to its
// bureau (see `anxue check`), and a later rewrite cannot produce that digest again.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../core/canonical';
import type { Checkpoint } from '../../../records/shared-docs';
import type { PersonFile } from '../../../records/person';
import { GENESIS_HASH, verifyChain } from '../../../records/events';
import { unwrapSecret, wrapSecret } from '../../../records/key-wrap';
import { conflict } from '../errors';
import { said, type Message } from '../../../core/message';
import { iso, type Ports } from '../ports';
import { serverLog } from '../../log';

/** The private key under a password: what signing.json keeps per admin. */
function wrap(key: KeyObject, password: string): Promise<string> {
  return wrapSecret(key.export({ type: 'pkcs8', format: 'der' }), password);
}

async function unwrap(wrapped: string, password: string): Promise<KeyObject | null> {
  const der = await unwrapSecret(wrapped, password);
  if (!der) return null;
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

/** SHA-256 of the public key (DER), as colon-separated hex pairs: what an inspector is given. */
export function fingerprintOf(publicKey: KeyObject | string): string {
  const k = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256')
    .update(k.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .toUpperCase()
    .match(/../g)!
    .join(':');
}

// The unlocked private key is the app's own (ports.runtime.signingKey): a process may open several apps in tests.
export function isUnlocked(ports: Ports): boolean {
  return ports.runtime.signingKey !== null;
}

/**
 * The records' seal key (storage/lowdb/seal.ts) follows the signing key's life: each admin keeps a copy
 * under their password, so a backup carries it and an admin's sign-in opens it on another PC.
 */
async function keepSealCopy(ports: Ports, adminNo: string, password: string): Promise<void> {
  const seals = ports.store.seals;
  if (!seals) return;
  await seals.unlock(adminNo, password);
  const s = seals.status();
  try {
    if (s.mode === 'on' && !s.copies.includes(adminNo)) await seals.keepCopyFor(adminNo, password);
  } catch (e) {
    // a full disk: the copy is made at this admin's next sign-in
    console.error(`[anxue] seal key copy for ${adminNo} not kept now: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Made at setup, for its admin; unlocked at once (the admin is the one setting up). */
export async function createSigningKey(ports: Ports, adminNo: string, password: string): Promise<string> {
  await keepSealCopy(ports, adminNo, password);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const w = await wrap(privateKey, password);
  const fingerprint = fingerprintOf(publicKey);
  await ports.store.signing.update((f) => {
    if (f.publicKey) throw conflict('signing.signingKeyExistsAlready');
    f.publicKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    f.fingerprint = fingerprint;
    f.createdAt = iso(ports.clock.now());
    f.wraps = { [adminNo]: w };
  });
  ports.runtime.signingKey = privateKey;
  return fingerprint;
}

/**
 * An admin signed in with this password: their copy of the key unlocks it for this process; an
 * admin without a copy gets one once the key is unlocked (by whoever unlocked it).
 */
export async function unlockWith(ports: Ports, adminNo: string, password: string): Promise<boolean> {
  await keepSealCopy(ports, adminNo, password);
  const f = await ports.store.signing.peek();
  // data set up before there were keys: the first admin to sign in makes it
  if (!f.publicKey) {
    await createSigningKey(ports, adminNo, password);
    return true;
  }
  const mine = f.wraps[adminNo];
  if (mine) {
    const key = await unwrap(mine, password);
    if (key) {
      ports.runtime.signingKey = key;
      return true;
    }
  }
  const key = ports.runtime.signingKey;
  if (!key) return false;
  await keepCopyFor(ports, adminNo, password);
  return true;
}

/** An admin's password changed (or was reset): their copy follows it, when the key is unlocked; else the stale copy goes. */
export async function keepCopyFor(ports: Ports, adminNo: string, password: string): Promise<void> {
  await ports.store.seals?.keepCopyFor(adminNo, password);
  const key = ports.runtime.signingKey;
  const w = key ? await wrap(key, password) : null;
  await ports.store.signing.update((f) => {
    if (!f.publicKey) return;
    if (w) f.wraps[adminNo] = w;
    else delete f.wraps[adminNo];
  });
}

export interface Signature {
  format: 'anxue-signature';
  alg: 'Ed25519';
  /** what was signed, by name (manifest.json) */
  signed: string;
  fingerprint: string;
  publicKey: string;
  signature: string;
}

/** Sign bytes with the enterprise's key, or null while it is locked (no admin has signed in). */
export async function signBytes(ports: Ports, signed: string, bytes: Buffer | string): Promise<Signature | null> {
  const key = ports.runtime.signingKey;
  const f = await ports.store.signing.peek();
  if (!key || !f.publicKey || !f.fingerprint) return null;
  return { format: 'anxue-signature', alg: 'Ed25519', signed, fingerprint: f.fingerprint, publicKey: f.publicKey, signature: edSign(null, Buffer.from(bytes), key).toString('base64') };
}

/** Whether `sig` is a valid signature of `bytes` by the public key it names (and that key's fingerprint is the one it gives). */
export function signatureHolds(sig: Signature, bytes: Buffer): boolean {
  try {
    const k = createPublicKey(sig.publicKey);
    return fingerprintOf(k) === sig.fingerprint && edVerify(null, bytes, k, Buffer.from(sig.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The enterprise's public key and fingerprint (null before setup). */
export async function publicKeyOf(ports: Ports): Promise<{ publicKey: string; fingerprint: string } | null> {
  const f = await ports.store.signing.peek();
  return f.publicKey && f.fingerprint ? { publicKey: f.publicKey, fingerprint: f.fingerprint } : null;
}

// ---- checkpoints of the live data ----

type State = Map<string, { count: number; head: string }>;

const checkpointHash = (c: Omit<Checkpoint, 'hash'>) => createHash('sha256').update(canonicalJson(c)).digest('hex');
/** what a checkpoint's signature covers: all of it but the signature and its own hash */
const signedPart = (c: Omit<Checkpoint, 'hash' | 'signature'>) => Buffer.from(canonicalJson(c));
/** one digest of every person's count and head */
function stateDigest(state: State): string {
  const h = createHash('sha256');
  for (const no of [...state.keys()].sort()) h.update(`${no}\t${state.get(no)!.count}\t${state.get(no)!.head}\n`);
  return h.digest('hex');
}

async function currentHeads(ports: Ports): Promise<{ state: State; files: ReadonlyMap<string, PersonFile> }> {
  const { people } = await ports.store.recordIds();
  const files = (await ports.store.peekPeople(people)) as ReadonlyMap<string, PersonFile>;
  const state: State = new Map();
  for (const [no, f] of files) if (f.events.length > 0) state.set(no, { count: f.events.length, head: f.events[f.events.length - 1]!.hash });
  return { state, files };
}

function fold(entries: readonly Checkpoint[]): State {
  const state: State = new Map();
  for (const e of entries) for (const [no, x] of Object.entries(e.changed)) state.set(no, x);
  return state;
}

/**
 * A checkpoint now, signed, of everyone whose record changed since the last one (none changed: none
 * made). Null while the key is locked. Before it is made, the records are checked against the
 * checkpoints so far: a rewritten record is never covered by a new signature.
 */
export async function makeCheckpoint(ports: Ports, reason: Checkpoint['reason'], checked: readonly string[] = []): Promise<Checkpoint | null> {
  const key = ports.runtime.signingKey;
  if (!key) return null;
  // everyone but those the caller has just checked
  const problems = await checkRecords(ports, undefined, new Set(checked));
  if (problems.length > 0) throw conflict('signing.recordsDoNotMatch', { problem: problems[0]! });
  const { state } = await currentHeads(ports);
  let made: Checkpoint | null = null;
  await ports.store.checkpoints.update((f) => {
    const before = fold(f.entries);
    const changed: Checkpoint['changed'] = {};
    for (const [no, x] of state) {
      const b = before.get(no);
      if (!b || b.count !== x.count || b.head !== x.head) changed[no] = x;
    }
    if (Object.keys(changed).length === 0 && f.entries.length > 0) return;
    const prev = f.entries[f.entries.length - 1];
    const body = { seq: (prev?.seq ?? 0) + 1, at: iso(ports.clock.now()), reason, prev: prev?.hash ?? GENESIS_HASH, changed, state: stateDigest(new Map([...before, ...Object.entries(changed)])) };
    const signature = edSign(null, signedPart(body), key).toString('base64');
    const entry = { ...body, signature };
    made = { ...entry, hash: checkpointHash(entry) };
    f.entries.push(made);
  });
  return made;
}

/**
 * Every person's record against the signed checkpoints (and its own chain): the problems, each
 * naming the person and the first record that no longer matches. The checkpoints themselves are
 * checked first: each signed by the enterprise's key, each linked to the one before. The seals'
 * problems are the store's own messages, the rest are this check's.
 */
export async function checkRecords(ports: Ports, only?: readonly string[], skip: ReadonlySet<string> = new Set()): Promise<Message[]> {
  // the records' seals first (storage/lowdb/seal.ts): a record rewritten since the last checkpoint is named there
  const problems: Message[] = [...((await ports.store.seals?.problems(only, skip)) ?? [])];
  const sealed = problems.length;
  const sf = await ports.store.signing.peek();
  const { entries } = await ports.store.checkpoints.peek();
  if (entries.length > 0 && !sf.publicKey) return [...problems, said('signing.check.keyMissing')];
  const pub = sf.publicKey ? createPublicKey(sf.publicKey) : null;
  let prev = GENESIS_HASH;
  for (const e of entries as readonly Checkpoint[]) {
    const { hash, signature, ...body } = e;
    if (e.prev !== prev || checkpointHash({ ...body, signature }) !== hash) problems.push(said('signing.check.linkBroken', { seq: e.seq, at: e.at }));
    else if (!pub || !edVerify(null, signedPart(body), pub, Buffer.from(signature, 'base64'))) problems.push(said('signing.check.badSignature', { seq: e.seq, at: e.at }));
    prev = hash;
  }
  // checkpoints that do not hold cannot vouch for any record
  if (problems.length > sealed) return problems;
  // each person's checkpoints in order: the first one their record no longer matches
  const seen = new Map<string, { seq: number; at: string; count: number; head: string }[]>();
  const wanted = only ? new Set(only) : null;
  for (const e of entries as readonly Checkpoint[])
    for (const [no, x] of Object.entries(e.changed)) if (!wanted || wanted.has(no)) seen.set(no, [...(seen.get(no) ?? []), { seq: e.seq, at: e.at, ...x }]);
  const nos = (wanted ? [...wanted] : [...seen.keys()]).filter((no) => !skip.has(no));
  const files = (await ports.store.peekPeople(nos)) as ReadonlyMap<string, PersonFile>;
  const deleted = new Set((await ports.store.audit.peek()).entries.filter((a) => a.action === 'person.deleted').map((a) => a.subject));
  for (const no of nos) {
    const events = files.get(no)?.events ?? [];
    const own = verifyChain(events);
    if (own.length > 0) problems.push(said('signing.check.chain', { employeeNo: no, problem: own[0]! }));
    let good = 0;
    for (const c of seen.get(no) ?? []) {
      if (events.length === 0 && deleted.has(no)) break;
      if (events.length < c.count) {
        problems.push(said('signing.check.recordsDeleted', { employeeNo: no, have: events.length, checkpointAt: c.at, seq: c.seq, recorded: c.count }));
        break;
      }
      if (events[c.count - 1]!.hash !== c.head) {
        const first = events[good]!;
        problems.push(said('signing.check.rewritten', { employeeNo: no, n: good + 1, at: first.at, type: first.type, checkpointAt: c.at, seq: c.seq }));
        break;
      }
      good = c.count;
    }
  }
  return problems;
}

/** The latest checkpoint: its number, time and digest (what a plant hands to its bureau). */
export async function latestCheckpoint(ports: Ports): Promise<{ seq: number; at: string; hash: string; people: number } | null> {
  const { entries } = await ports.store.checkpoints.peek();
  const last = entries[entries.length - 1];
  return last ? { seq: last.seq, at: last.at, hash: last.hash, people: fold(entries as readonly Checkpoint[]).size } : null;
}

/**
 * A checkpoint at each day's end (the first look after the plant's local midnight), while the key
 * is unlocked; looks every `everyMs`. A rewrite found then is logged (and no checkpoint covers it).
 * Returns the stop.
 */
export function dailyCheckpoints(ports: Ports, everyMs = 10 * 60_000): () => void {
  let busy = false;
  const look = async () => {
    if (busy || !isUnlocked(ports)) return;
    busy = true;
    try {
      const offset = (await ports.store.meta.peek()).settings.utcOffsetMinutes;
      const day = (ms: number) => new Date(ms + offset * 60_000).toISOString().slice(0, 10);
      const last = await latestCheckpoint(ports);
      if (!last || day(Date.parse(last.at)) < day(ports.clock.now())) await makeCheckpoint(ports, 'daily');
    } catch (e) {
      serverLog.error('the daily checkpoint', e);
    } finally {
      busy = false;
    }
  };
  // the app's timer: closing the app stops it too
  return ports.runtime.every(everyMs, () => void look());
}
