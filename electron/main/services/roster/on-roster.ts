// One person of the roster by 工号, as the hot paths ask (every heartbeat's answer, a study start,
// the campaign guard, an essay's autosave): found through an index made once per roster as the
// store holds it, not by walking 3,000 people each time. The store hands out a new object for each
// new version of the roster (an update works on a copy), so an index kept per object is never stale.
import type { Person } from '../../../core/model';
import type { DeepReadonly } from '../../../records/versioned';
import type { Ports } from '../ports';

const indexes = new WeakMap<object, ReadonlyMap<string, DeepReadonly<Person>>>();

export async function onRoster(ports: Ports, employeeNo: string): Promise<DeepReadonly<Person> | null> {
  const roster = await ports.store.roster.peek();
  let index = indexes.get(roster);
  if (!index) {
    index = new Map(roster.people.map((p) => [p.employeeNo, p as DeepReadonly<Person>]));
    indexes.set(roster, index);
  }
  return index.get(employeeNo) ?? null;
}
