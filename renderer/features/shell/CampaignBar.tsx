// The bar under the menu that says which campaign the pages work on. Officers, archivists and admins
// pick it here; an employee sees it named, and picks on their home page (a card per campaign), so
// the bar points there when they take part in more than one.
import { useTranslation } from 'react-i18next';
import type { CampaignListItem } from '../../../electron/shared/api';
import { CampaignFacts, CampaignPicker } from './CampaignPicker';

export function CampaignBar({ list, chosen, onChoose, picker }: { list: readonly CampaignListItem[]; chosen: CampaignListItem; onChoose: (id: string) => void; picker: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`campaignbar${chosen.state === 'closed' ? ' closed' : ''}`} data-testid="campaign-bar">
      {picker ? (
        <CampaignPicker list={list} chosen={chosen} onChoose={onChoose} />
      ) : (
        <div className="campaign-picker">
          <span className="campaign-picker-label">{t('campaigns.pickerLabel')}</span>
          <span className="campaign-named">
            <span className="campaign-name">{chosen.name}</span>
            <span className="campaign-facts">
              <CampaignFacts c={chosen} />
            </span>
          </span>
          {list.length > 1 && (
            <a href="#/study" className="campaign-switch">
              {t('campaigns.switchOnHome')}
            </a>
          )}
        </div>
      )}
    </div>
  );
}
