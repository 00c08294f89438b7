import { searchForm } from './normalize';

/** A search query's terms, in the fold the index uses; each term is matched as an exact phrase. */
export function queryTermsOf(q: string): string[] {
  return [
    ...new Set(
      searchForm(q)
        .split(' ')
        .filter((t) => t !== ''),
    ),
  ];
}
