// What every stored document shares: a schema version, read-only views, and the step-by-step
// migration of a file or row written by an older program.
import { MessageError, said } from '../core/message';

export interface Versioned {
  schemaVersion: number;
}

export type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Bring a stored document up to the schemaVersion this program writes, one migration at a time;
 * refuse one from a newer program. `label` names the file or row in the message.
 */
export function upgrade<T extends Versioned>(stored: T, target: number, migrations: Readonly<Record<number, Migration>>, label: string): T {
  let data = stored as unknown as Record<string, unknown>;
  let v = typeof data.schemaVersion === 'number' ? data.schemaVersion : 0;
  if (v > target) throw new MessageError(said('store.fileNewer', { label, v }));
  while (v < target) {
    const m = migrations[v];
    if (!m) throw new MessageError(said('store.cannotUpgrade', { label, v }));
    data = { ...m(data), schemaVersion: v + 1 };
    v += 1;
  }
  return data as unknown as T;
}
