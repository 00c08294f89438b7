// Two stores hold the same records: every shared document, every person's record, every essay draft.
import { expect } from 'vitest';
import { canonicalJson } from '../../electron/core/canonical';
import { SHARED_DOCS, type SharedDocName } from '../../electron/records/shared-docs';
import { withoutSeals } from '../../electron/main/storage/lowdb/seal';
import type { Store } from '../../electron/main/storage/store';

export async function expectSameRecords(a: Store, b: Store): Promise<{ people: string[]; drafts: string[] }> {
  const ids = await a.recordIds();
  expect(await b.recordIds()).toEqual(ids);
  for (const name of Object.keys(SHARED_DOCS) as SharedDocName[]) expect(canonicalJson(await b[name].read()), name).toBe(canonicalJson(await a[name].read()));
  // a record's event seals belong to the folder it is in (storage/lowdb/seal.ts), not to the record
  for (const no of ids.people) expect(canonicalJson(withoutSeals(await b.person(no).read())), no).toBe(canonicalJson(withoutSeals(await a.person(no).read())));
  for (const no of ids.drafts) expect(canonicalJson(await b.essayDrafts(no).read()), `drafts ${no}`).toBe(canonicalJson(await a.essayDrafts(no).read()));
  return ids;
}
