// Lookups by key into a list the store hands out for reading (the roster's people, the accounts),
// for the paths that run on every call: an index made once per list, not a walk of 3,000 entries
// each time. The store hands out a new object for each new version of a document (an update works
// on a copy), so an index kept per list object is never stale.
const indexes = new WeakMap<object, Map<string, ReadonlyMap<string, unknown>>>();

/** The list's entries by keyOf (null: left out); of entries with the same key, the first, as find() would. */
export function indexOf<T>(list: readonly T[], name: string, keyOf: (t: T) => string | null): ReadonlyMap<string, T> {
  let named = indexes.get(list);
  if (!named) indexes.set(list, (named = new Map()));
  let index = named.get(name) as Map<string, T> | undefined;
  if (!index) {
    index = new Map();
    for (const t of list) {
      const k = keyOf(t);
      if (k !== null && !index.has(k)) index.set(k, t);
    }
    named.set(name, index);
  }
  return index;
}
