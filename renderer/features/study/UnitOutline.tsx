import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlacedUnit } from '../../../electron/shared/api';

const HEADS = new Set(['part', 'chapter', 'section', 'appendix']);

/**
 * The contents of an official text by its units: a law's 编/章/节 as group headings over its
 * articles, a standard's clauses and a notice's items indented by depth. The unit being read is
 * marked and kept in sight inside the list, which scrolls on its own.
 */
export function UnitOutline({ units, current, onJump }: { units: readonly PlacedUnit[]; current: number; onJump: (i: number) => void }) {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const box = list.current?.closest('.outline');
    const item = list.current?.querySelector<HTMLElement>('[aria-current="location"]');
    if (!box || !item) return;
    // scroll the outline only (scrollIntoView would move the page too)
    const top = item.offsetTop - box.clientHeight / 3;
    if (item.offsetTop < box.scrollTop || item.offsetTop + item.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = Math.max(0, top);
  }, [current]);
  return (
    <ol className="unit-outline" ref={list} aria-label={t('reader.units')} data-testid="unit-outline">
      {units.map((u, i) => {
        const head = HEADS.has(u.kind);
        return (
          <li key={u.id} className={head ? `unit-head depth-${u.depth}` : 'unit-item'} style={head ? undefined : { paddingLeft: `${Math.min(u.depth, 4) * 0.6}rem` }}>
            <button type="button" className="link" aria-current={i === current ? 'location' : undefined} title={`${u.label} ${u.title}`} onClick={() => onJump(i)}>
              <span className="unit-label">{u.label}</span> {u.title && <span className="unit-title">{u.title}</span>}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
