// Above every page of a closed campaign: it is read-only, where its 一期一档 is exported (for those
// who may open the archive page; an officer is told who can), and, for officers, 重新打开 with the
// reason the audit log keeps.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignListItem } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from './ErrorNote';
import { localDateTime } from './format';

export function ClosedBanner({ campaign, archiveLink, mayReopen, onReopened }: { campaign: CampaignListItem; archiveLink: boolean; mayReopen: boolean; onReopened: () => void }) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function reopen(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api['campaign.reopen']({ campaignId: campaign.id, reason: reason.trim() });
      setAsking(false);
      setReason('');
      onReopened();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="closed-banner" role="status" data-testid="closed-banner">
      <p className="closed-title">{t('campaigns.closedBanner', { name: campaign.name, at: campaign.closedAt ? localDateTime(campaign.closedAt, i18n.language) : '' })}</p>
      <p>
        {archiveLink ? (
          <a href="#/archive" data-testid="closed-archive-link">
            {t('campaigns.closedArchiveLink')}
          </a>
        ) : (
          t('campaigns.closedArchiveWho')
        )}
      </p>
      {mayReopen && !asking && (
        <button type="button" className="secondary" onClick={() => setAsking(true)} data-testid="reopen">
          {t('campaigns.reopen')}
        </button>
      )}
      {mayReopen && asking && (
        <form className="reopen-form" onSubmit={reopen}>
          <label>
            {t('campaigns.reopenReason')}
            <textarea rows={2} required minLength={2} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reopen-reason" />
          </label>
          <div className="row">
            <button type="submit" className="primary" disabled={busy || reason.trim().length < 2} data-testid="reopen-confirm">
              {t('campaigns.reopenConfirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
          </div>
          <ErrorNote error={error} />
        </form>
      )}
    </section>
  );
}
