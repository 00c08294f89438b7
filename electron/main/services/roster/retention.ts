// Retention: training records are never deleted automatically. An administrator may delete a
// person only with a reason, and only once the retention period after their last record has
// passed (or when they have no records at all, e.g. imported by mistake). The deletion leaves a
// tombstone in the audit log — who, when, why, and the head of the record chain that was removed —
// and the audit log is itself a hash chain.
import type { Input } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import { chainHead } from '../../../records/events';
import { appendAudit } from '../accounts/audit';
import { badInput, conflict, notFound } from '../errors';
import { iso, type Ports } from '../ports';

/** The date (YYYY-MM-DD) from which records last written at `lastIso` may be deleted. */
export function deletableFrom(lastIso: string, years: number): string {
  const d = new Date(lastIso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export async function deletePerson(ports: Ports, caller: Account, input: Input<'people.delete'>): Promise<{ ok: true }> {
  const reason = input.reason.trim();
  if (reason.length < 4) throw badInput('roster.writeDownWhyRecords', {}, 'reason');
  const p = (await ports.store.roster.read()).people.find((x) => x.employeeNo === input.employeeNo);
  if (!p) throw notFound('common.notOnRoster', { employeeNo: input.employeeNo });
  if (p.employeeNo === caller.employeeNo) throw conflict('roster.youCannotDeleteYour');
  const { settings } = await ports.store.meta.read();
  const f = await ports.store.person(p.employeeNo).read();
  const now = ports.clock.now();
  const last = f.events[f.events.length - 1];
  if (last) {
    const from = deletableFrom(last.at, settings.retentionYears);
    if (iso(now).slice(0, 10) < from) throw conflict('roster.keepRecordsUntil', { name: p.name, from, last: last.at.slice(0, 10), retentionYears: settings.retentionYears });
  }
  await appendAudit(ports, {
    by: caller.employeeNo,
    action: 'person.deleted',
    subject: p.employeeNo,
    reason,
    details: {
      name: p.name,
      dept: p.dept,
      team: p.team,
      category: p.category,
      eventCount: f.events.length,
      chainHead: chainHead(f.events),
      lastRecordAt: last?.at ?? null,
      retentionYears: settings.retentionYears,
    },
  });
  await ports.store.roster.update((r) => {
    r.people = r.people.filter((x) => x.employeeNo !== p.employeeNo);
  });
  await ports.store.accounts.update((r) => {
    r.accounts = r.accounts.filter((x) => x.employeeNo !== p.employeeNo);
  });
  await ports.sessions.dropAllFor(p.employeeNo);
  await ports.store.removePerson(p.employeeNo);
  return { ok: true };
}
