// One person of the roster by 工号, as the hot paths ask (every heartbeat's answer, a study start,
// the campaign guard, an essay's autosave): through an index made once per roster (list-index.ts).
import type { Person } from '../../../core/model';
import type { DeepReadonly } from '../../../records/versioned';
import { indexOf } from '../list-index';
import type { Ports } from '../ports';

export async function onRoster(ports: Ports, employeeNo: string): Promise<DeepReadonly<Person> | null> {
  const { people } = await ports.store.roster.peek();
  return (indexOf(people, 'employeeNo', (p) => p.employeeNo).get(employeeNo) as DeepReadonly<Person> | undefined) ?? null;
}
