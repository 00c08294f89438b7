// The audit log: what changes records or guards the door (a person deleted, an account locked by
// failed logins, a password changed), each entry chained to the one before (SHA-256 over the
// previous hash and the entry), so a rewritten or removed entry shows.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../core/canonical';
import type { AuditEntry } from '../../../records/shared-docs';
import { GENESIS_HASH } from '../../../records/events';
import { iso, type Ports } from '../ports';

export function auditHash(e: Omit<AuditEntry, 'hash'>): string {
  const { prevHash, ...rest } = e;
  return createHash('sha256').update(prevHash).update(canonicalJson(rest)).digest('hex');
}

export type AuditInput = Pick<AuditEntry, 'by' | 'action' | 'subject' | 'reason' | 'details'>;

/** Append one entry to the chain. */
export async function appendAudit(ports: Ports, entry: AuditInput): Promise<void> {
  const at = iso(ports.clock.now());
  await ports.store.audit.update((a) => {
    const prev = a.entries[a.entries.length - 1];
    const base: Omit<AuditEntry, 'hash'> = { seq: (prev?.seq ?? 0) + 1, at, ...entry, prevHash: prev?.hash ?? GENESIS_HASH };
    a.entries.push({ ...base, hash: auditHash(base) });
  });
}

/** The audit log, newest first, with whether its chain is intact. */
export async function auditList(ports: Ports): Promise<{ intact: boolean; entries: AuditEntry[] }> {
  const { entries } = await ports.store.audit.read();
  let prev = GENESIS_HASH;
  let intact = true;
  for (const e of entries) {
    const { hash, ...rest } = e;
    if (e.prevHash !== prev || auditHash(rest) !== hash) intact = false;
    prev = hash;
  }
  return { intact, entries: [...entries].reverse() };
}
