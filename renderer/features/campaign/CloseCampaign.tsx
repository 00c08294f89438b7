// 结束归档: a campaign whose work is done is closed, and from then on is only read (the backend
// refuses every change to it). The confirmation says exactly that, where its 一期一档 is exported,
// and that an officer can open it again with a reason.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignListItem } from '../../../electron/shared/api';
import { useConfirm } from '../../components/ConfirmDialog';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';

export function CloseCampaign({ campaign, onClosed }: { campaign: CampaignListItem; onClosed: () => void }) {
  const { t } = useTranslation();
  const { dialog, ask } = useConfirm();
  const [error, setError] = useState<unknown>(null);
  async function close() {
    const ok = await ask({
      title: t('campaigns.closeTitle', { name: campaign.name }),
      lines: [t('campaigns.closeLine1'), t('campaigns.closeLine2'), t('campaigns.closeLine3')],
      confirm: t('campaigns.closeConfirm'),
      danger: true,
    });
    if (!ok) return;
    setError(null);
    try {
      await api['campaign.close']({ campaignId: campaign.id });
      onClosed();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section className="card row-between close-campaign">
      <div className="grow">
        <h2>{t('campaigns.closeHeading')}</h2>
        <p className="muted">{campaign.state === 'ended' ? t('campaigns.closeHintEnded') : t('campaigns.closeHint')}</p>
        <ErrorNote error={error} />
      </div>
      <button type="button" className="danger big" onClick={() => void close()} data-testid="close-campaign">
        {t('campaigns.close')}
      </button>
      {dialog}
    </section>
  );
}
