// The officer's side of a merge: the list of runs and conflicts, and deciding a conflict.
import type { Campaign, Person } from '../../../core/model';
import type { MergeConflictView, MergeRunView } from '../../../shared/api';
import type { MergeConflict } from '../../../records/shared-docs';
import type { PersonFile } from '../../../records/person';
import { appendEvent, type EventBodies } from '../../../records/events';
import { appendAudit } from '../accounts/audit';
import { badInput, notFound } from '../errors';
import { iso, type Ports } from '../ports';

const PART_KEYS = ['awareness', 'responsibility', 'warning', 'measures', 'leadership'] as const;
const text = (x: unknown) => (x === null || x === undefined ? '' : typeof x === 'string' ? x : typeof x === 'boolean' ? String(x) : JSON.stringify(x));

function fieldsOf(c: MergeConflict): MergeConflictView['fields'] {
  const pair = (key: string, a: unknown, b: unknown) => ({ key, server: text(a), workstation: text(b) });
  const sv = c.server as Record<string, unknown>;
  const ws = c.workstation as Record<string, unknown>;
  switch (c.kind) {
    case 'person':
      return ['name', 'dept', 'team', 'post', 'category', 'leader'].map((k) => pair(k, sv[k], ws[k]));
    case 'campaign':
      return ['name', 'start', 'end', 'studyStart', 'studyEnd', 'targetCreditHours'].map((k) => pair(k, sv[k], ws[k]));
    case 'collective':
      return ['topic', 'date', 'start', 'durationMinutes', 'place', 'host'].map((k) => pair(k, sv[k], ws[k]));
    case 'essay': {
      const last = (c.workstation as { at: string; version: number; total: number; parts: Record<string, string> }[]).at(-1)!;
      const sp = (sv.parts ?? {}) as Record<string, string>;
      return [pair('submittedAt', sv.at, last.at), pair('version', sv.version, last.version), pair('total', sv.total, last.total), ...PART_KEYS.map((k) => pair(k, sp[k], last.parts[k]))];
    }
    case 'draft': {
      const sp = (sv.parts ?? {}) as Record<string, string>;
      const wp = (ws.parts ?? {}) as Record<string, string>;
      return [pair('savedAt', sv.savedAt, ws.savedAt), ...PART_KEYS.map((k) => pair(k, sp[k], wp[k]))];
    }
    case 'event':
      return ['type', 'at', 'by', 'hash'].map((k) => pair(k, sv[k], ws[k]));
  }
}

async function viewOf(ports: Ports, c: MergeConflict): Promise<MergeConflictView> {
  const name = c.employeeNo ? ((await ports.store.roster.peek()).people.find((x) => x.employeeNo === c.employeeNo)?.name ?? null) : null;
  return {
    id: c.id,
    runId: c.runId,
    station: c.station,
    kind: c.kind,
    employeeNo: c.employeeNo,
    name,
    campaignId: c.campaignId,
    fields: fieldsOf(c),
    choosable: c.kind !== 'event',
    decided: c.decided ? { ...c.decided } : null,
  };
}

export async function mergeList(ports: Ports): Promise<{ runs: MergeRunView[]; conflicts: MergeConflictView[] }> {
  const f = await ports.store.merges.read();
  const conflicts = await Promise.all(f.conflicts.map((c) => viewOf(ports, c)));
  // undecided first, then newest first
  conflicts.sort((a, b) => Number(a.decided !== null) - Number(b.decided !== null));
  return { runs: [...f.runs].reverse(), conflicts };
}

/**
 * The officer's decision. 'server': what is here stays (the conflict is closed). 'workstation':
 * the workstation's version takes effect — a person's details or a campaign replaced, an essay
 * appended as the next version (its author and text as submitted there; its reviews there are not
 * carried over: it is reviewed here), a draft put back for its author to go on with.
 */
export async function mergeDecide(ports: Ports, by: string, input: { conflictId: string; choice: 'server' | 'workstation' }): Promise<MergeConflictView> {
  const found = (await ports.store.merges.peek()).conflicts.find((c) => c.id === input.conflictId) as MergeConflict | undefined;
  if (!found) throw notFound('merge.noSuchMergeConflict');
  if (found.decided) throw badInput('merge.conflictDecidedAlready', {}, 'conflictId');
  if (found.kind === 'event' && input.choice === 'workstation') throw badInput('merge.sameRecordDiffersTwo', {}, 'choice');
  const at = iso(ports.clock.now());
  if (input.choice === 'workstation') {
    const ws = structuredClone(found.workstation);
    if (found.kind === 'person') {
      await ports.store.roster.update((f) => {
        const i = f.people.findIndex((x) => x.employeeNo === found.employeeNo);
        const next = { ...(ws as Person), updatedAt: at };
        if (i >= 0) f.people[i] = next;
        else f.people.push(next);
      });
    } else if (found.kind === 'campaign') {
      await ports.store.campaigns.update((f) => {
        const i = f.campaigns.findIndex((x) => x.id === found.campaignId);
        if (i >= 0) f.campaigns[i] = ws as Campaign;
      });
    } else if (found.kind === 'collective') {
      await ports.store.collective.update((f) => {
        const s = f.sessions.find((x) => x.id === (ws as { id: string }).id);
        if (s) Object.assign(s, ws);
      });
    } else if (found.kind === 'essay') {
      const last = (ws as ({ at: string } & EventBodies['essay.submitted'])[]).at(-1)!;
      await ports.store.person(found.employeeNo!).update((f) => {
        const versions = f.events.filter((e) => e.type === 'essay.submitted' && e.data.campaignId === found.campaignId).map((e) => (e.data as EventBodies['essay.submitted']).version);
        const version = Math.max(0, ...versions) + 1;
        appendEvent(
          f.events,
          'essay.submitted',
          { campaignId: last.campaignId, version, parts: last.parts, total: last.total, ...(last.accidents ? { accidents: last.accidents } : {}) },
          { at, by: found.employeeNo! },
        );
      });
    } else if (found.kind === 'draft') {
      await ports.store.person(found.employeeNo!).update((f) => {
        f.open.essayDrafts[found.campaignId!] = ws as PersonFile['open']['essayDrafts'][string];
      });
    }
  }
  const decided = await ports.store.merges.update((f) => {
    const c = f.conflicts.find((x) => x.id === input.conflictId)!;
    if (c.decided) throw badInput('merge.conflictDecidedAlready', {}, 'conflictId');
    c.decided = { by, at, choice: input.choice };
    return c;
  });
  await appendAudit(ports, {
    by,
    action: 'merge.decided',
    subject: found.id.slice(0, 16),
    reason: input.choice === 'server' ? '保留服务器上的版本' : '采用工作站上的版本',
    details: { kind: found.kind, choice: input.choice, employeeNo: found.employeeNo, campaignId: found.campaignId, station: found.station },
  });
  return viewOf(ports, decided);
}
