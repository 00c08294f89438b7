import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { go } from '../shell/route';

/** One box for the whole corpus, always in the top bar. */
export function SearchBox({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);
  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) go('search', q.trim());
      }}
    >
      <input type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')} aria-label={t('search.label')} />
    </form>
  );
}
