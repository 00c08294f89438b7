// The campaign every page works on, picked in the bar under the menu: a large button naming the
// chosen one (where it stands, its dates, its kind) that opens the list grouped as 进行中 / 即将开始
// / 已结束 / 已归档. Officers, archivists and admins pick here; an employee picks on their home page.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_STATES } from '../../../electron/core/campaign-scope';
import type { CampaignListItem } from '../../../electron/shared/api';
import { dayRange } from './format';

/** The chosen campaign's state, kind and dates, as the bar and the cards show them. */
export function CampaignFacts({ c }: { c: CampaignListItem }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <span className={`campaign-state state-${c.state}`}>{t(`campaigns.state.${c.state}`)}</span>
      <span className="campaign-kind">{t(`campaigns.kind.${c.kind}`)}</span>
      <span className="campaign-dates">{dayRange(c.start, c.end, i18n.language)}</span>
    </>
  );
}

export function CampaignPicker({ list, chosen, onChoose }: { list: readonly CampaignListItem[]; chosen: CampaignListItem; onChoose: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', key);
    requestAnimationFrame(() => ref.current?.querySelector<HTMLButtonElement>('.campaign-option[aria-current="true"]')?.focus());
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', key);
    };
  }, [open]);
  const who = (c: CampaignListItem) => (c.participantsKind === 'all' ? t('campaigns.everyone') : t('campaigns.peopleCount', { n: c.participantCount }));
  return (
    <div className="campaign-picker" ref={ref}>
      <span className="campaign-picker-label">{t('campaigns.pickerLabel')}</span>
      <button type="button" className="campaign-picked" aria-haspopup="true" aria-expanded={open} data-testid="campaign-picker" onClick={() => setOpen(!open)}>
        <span className="campaign-name">{chosen.name}</span>
        <span className="campaign-facts">
          <CampaignFacts c={chosen} />
        </span>
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      {open && (
        <div className="campaign-menu" data-testid="campaign-menu">
          {CAMPAIGN_STATES.map((state) => {
            const these = list.filter((c) => c.state === state);
            if (these.length === 0) return null;
            return (
              <div key={state} className="campaign-group" role="group" aria-label={t(`campaigns.state.${state}`)}>
                <h3>{t(`campaigns.group.${state}`, { n: these.length })}</h3>
                {these.map((c) => (
                  <button
                    key={c.id}
                    type="button"
                    className="campaign-option"
                    aria-current={c.id === chosen.id}
                    data-testid={`campaign-option-${c.id}`}
                    onClick={() => {
                      onChoose(c.id);
                      setOpen(false);
                    }}
                  >
                    <span className="campaign-name">
                      {c.id === chosen.id && <span aria-hidden="true">✓ </span>}
                      {c.name}
                    </span>
                    <span className="muted small">
                      {t(`campaigns.kind.${c.kind}`)} · {dayRange(c.start, c.end, i18n.language)} · {who(c)}
                    </span>
                  </button>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
