// The main menu: one row of groups (培训计划 / 人员 / 学习 / 考核 / …). A group of one page is a
// plain link; a group of several opens a short list. The group of the page shown is marked and
// names that page, so where one is stays obvious.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface NavItem {
  page: string;
  label: string;
}
export interface NavGroup {
  key: string;
  label: string;
  items: NavItem[];
}

export function NavMenu({ groups, current }: { groups: NavGroup[]; current: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(null);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(null);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', key);
    };
  }, [open]);
  useEffect(() => setOpen(null), [current]);
  return (
    <nav aria-label={t('nav.label')} className="mainnav" ref={ref}>
      {groups.map((g) => {
        const here = g.items.find((i) => i.page === current);
        if (g.items.length === 1) {
          const only = g.items[0]!;
          return (
            <a key={g.key} href={`#/${only.page}`} className={here ? 'active' : ''} aria-current={here ? 'page' : undefined}>
              {only.label}
            </a>
          );
        }
        const expanded = open === g.key;
        return (
          <div key={g.key} className="navgroup">
            <button
              type="button"
              className={here ? 'active' : ''}
              aria-haspopup="true"
              aria-expanded={expanded}
              data-testid={`nav-${g.key}`}
              onClick={() => setOpen(expanded ? null : g.key)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  setOpen(g.key);
                  requestAnimationFrame(() => ref.current?.querySelector<HTMLAnchorElement>(`[data-group="${g.key}"] a`)?.focus());
                }
              }}
            >
              {g.label}
              {here && here.label !== g.label ? <span className="navhere">{here.label}</span> : null}
              <span aria-hidden="true" className="caret">
                ▾
              </span>
            </button>
            {expanded && (
              <div className="navmenu" data-group={g.key}>
                {g.items.map((i) => (
                  <a key={i.page} href={`#/${i.page}`} className={i.page === current ? 'active' : ''} aria-current={i.page === current ? 'page' : undefined} onClick={() => setOpen(null)}>
                    {i.label}
                  </a>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </nav>
  );
}
