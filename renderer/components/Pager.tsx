import { useTranslation } from 'react-i18next';

/** Under a long list: which rows are shown of how many, and large buttons to the page before and after. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <nav className="pager row" aria-label={t('pager.label')} data-testid="pager">
      <button type="button" className="secondary" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        {t('pager.prev')}
      </button>
      <span data-testid="pager-state">{total === 0 ? t('pager.none') : t('pager.state', { from, to, total, page: page + 1, pages })}</span>
      <button type="button" className="secondary" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
    </nav>
  );
}
