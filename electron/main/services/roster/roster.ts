// Roster import: preview first, then commit. Any bad row → nothing is written.
import { parseRosterTable } from '../../../core/roster';
import type { KnownMessage } from '../../../shared/messages';
import type { Person } from '../../../core/model';
import type { Account } from '../../../records/shared-docs';
import type { Input, RosterCommitResult, RosterPreview } from '../../../shared/api';
import { generatePassword, hashPassword } from '../accounts/auth';
import { badInput, badInputSaid, notFound } from '../errors';
import { iso, type Ports } from '../ports';
import { readTable } from '../files/table-file';

function samePerson(a: Person, b: Person): boolean {
  return (
    a.name === b.name &&
    a.dept === b.dept &&
    a.team === b.team &&
    a.post === b.post &&
    a.category === b.category &&
    a.leader === b.leader &&
    a.level === b.level &&
    a.superior === b.superior &&
    a.hiredOn === b.hiredOn
  );
}

function decodeUpload(input: Input<'roster.preview'>): Uint8Array {
  const bytes = Buffer.from(input.base64, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

export async function previewRosterBytes(ports: Ports, fileName: string, bytes: Uint8Array): Promise<RosterPreview> {
  const table = await readTable(fileName, bytes);
  const parsed = parseRosterTable(table);
  if (!parsed.ok) return { ok: false, fileName, errors: parsed.errors, rows: [] };
  const { people } = await ports.store.roster.read();
  const byNo = new Map(people.map((p) => [p.employeeNo, p]));
  return {
    ok: true,
    fileName,
    errors: [],
    rows: parsed.people.map((row) => {
      const old = byNo.get(row.employeeNo);
      // a file without the person's 入职日期 keeps the one stored (set by an earlier file or on the roster screen)
      const hiredOn = row.hiredOn ?? old?.hiredOn;
      const p: Person = { ...row, ...(hiredOn ? { hiredOn } : {}) };
      return { ...p, action: !old ? 'create' : samePerson(old, p) ? 'same' : 'update' };
    }),
  };
}

export function previewRoster(ports: Ports, input: Input<'roster.preview'>): Promise<RosterPreview> {
  return previewRosterBytes(ports, input.fileName, decodeUpload(input));
}

/** The first refused row of a preview that has one, naming the file and how many more there are. */
export function firstErrorLine(p: RosterPreview): KnownMessage {
  const e = p.errors[0]!;
  const more = p.errors.length - 1;
  return { key: more > 0 ? 'roster.fileRowProblemMore' : 'roster.fileRowProblem', params: { fileName: p.fileName, row: e.row, field: e.field, problem: e.message, more } };
}

export async function commitRosterBytes(ports: Ports, fileName: string, bytes: Uint8Array): Promise<RosterCommitResult> {
  const preview = await previewRosterBytes(ports, fileName, bytes);
  if (!preview.ok) throw badInputSaid(firstErrorLine(preview), 'file');
  const at = iso(ports.clock.now());
  const { accounts } = await ports.store.accounts.read();
  const haveAccount = new Set(accounts.map((a) => a.employeeNo));
  const initialPasswords: RosterCommitResult['initialPasswords'] = [];
  const newAccounts: Account[] = [];
  for (const p of preview.rows) {
    if (haveAccount.has(p.employeeNo)) continue;
    const password = generatePassword();
    initialPasswords.push({ employeeNo: p.employeeNo, name: p.name, password });
    newAccounts.push({ employeeNo: p.employeeNo, name: p.name, roles: ['employee' as const], passwordHash: await hashPassword(password), createdAt: at });
  }
  // Roster first: a crash between the two writes leaves people without accounts, which a
  // re-import repairs; never accounts pointing at nobody.
  const counts = await ports.store.roster.update((f) => {
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const byNo = new Map(f.people.map((p, i) => [p.employeeNo, i]));
    for (const row of preview.rows) {
      const { action: _a, ...person } = row;
      const i = byNo.get(person.employeeNo);
      if (i === undefined) {
        f.people.push({ ...person, updatedAt: at });
        byNo.set(person.employeeNo, f.people.length - 1);
        created += 1;
      } else if (!samePerson(f.people[i]!, person)) {
        f.people[i] = { ...person, updatedAt: at };
        updated += 1;
      } else unchanged += 1;
    }
    return { created, updated, unchanged };
  });
  const names = new Map(preview.rows.map((r) => [r.employeeNo, r.name]));
  await ports.store.accounts.update((f) => {
    for (const a of f.accounts) {
      const n = names.get(a.employeeNo);
      if (n !== undefined) {
        a.name = n;
        if (!a.roles.includes('employee')) a.roles.push('employee');
      }
    }
    for (const a of newAccounts) if (!f.accounts.some((x) => x.employeeNo === a.employeeNo)) f.accounts.push(a);
  });
  return { ...counts, initialPasswords };
}

export function commitRoster(ports: Ports, input: Input<'roster.commit'>): Promise<RosterCommitResult> {
  if (!input.fileName) throw badInput('roster.fileNameMissing', {}, 'fileName');
  return commitRosterBytes(ports, input.fileName, decodeUpload(input));
}

/** Set or clear one person's 入职日期 (what decides the campaigns they take part in: core/campaign-scope.ts). */
export async function setHiredOn(ports: Ports, input: Input<'roster.setHiredOn'>): Promise<Person> {
  const at = iso(ports.clock.now());
  return ports.store.roster.update((f) => {
    const p = f.people.find((x) => x.employeeNo === input.employeeNo);
    if (!p) throw notFound('common.notOnRoster', { employeeNo: input.employeeNo });
    if ((p.hiredOn ?? null) !== input.hiredOn) {
      if (input.hiredOn) p.hiredOn = input.hiredOn;
      else delete p.hiredOn;
      p.updatedAt = at;
    }
    const { updatedAt: _u, ...person } = p;
    return structuredClone(person);
  });
}

export async function listRoster(ports: Ports): Promise<Person[]> {
  const { people } = await ports.store.roster.read();
  return people.map(({ updatedAt: _u, ...p }) => p);
}
