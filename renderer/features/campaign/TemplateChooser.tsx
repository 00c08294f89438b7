import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEMPLATE_KINDS, type TemplateKind } from '../../../electron/core/campaign-template';
import type { CampaignInput } from '../../../electron/core/model';
import { api } from '../../lib/api';
import { DayInput } from '../shell/Dates';
import { ErrorNote } from '../shell/ErrorNote';
import { todayIso } from '../shell/format';

/**
 * A new campaign: the officer picks a start (today unless changed) and taps the kind; the template
 * comes back dated from that day. A day before today needs the tick (the backend refuses it otherwise,
 * and its message is shown): a campaign set up today rarely begins in the past by intent.
 */
export function TemplateChooser({ error: loadError, onChosen }: { error?: unknown; onChosen: (c: CampaignInput) => void }) {
  const { t } = useTranslation();
  // null: today as the enterprise counts it (the backend's; this PC's calendar may be on another day near midnight)
  const [start, setStart] = useState<string | null>(null);
  const [past, setPast] = useState(false);
  const [busy, setBusy] = useState<TemplateKind | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function choose(kind: TemplateKind) {
    setError(null);
    setBusy(kind);
    try {
      onChosen(await api['campaign.template']({ kind, ...(start ? { start } : {}), ...(past ? { past } : {}) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="card stack template-chooser">
      <h1>{t('campaign.title')}</h1>
      <p>{t('campaignTemplate.intro')}</p>
      <div className="row template-start" data-testid="template-start">
        <label>
          {t('campaignTemplate.start')}
          <DayInput required value={start ?? todayIso()} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label className="option">
          <input type="checkbox" checked={past} onChange={(e) => setPast(e.target.checked)} />
          <span>{t('campaignTemplate.past')}</span>
        </label>
      </div>
      <ErrorNote error={error ?? loadError} />
      <div className="template-kinds">
        {TEMPLATE_KINDS.map((k) => (
          <button key={k} type="button" className="template-kind" disabled={busy !== null || start === ''} onClick={() => void choose(k)} data-testid={`template-${k}`}>
            <strong>{t(`campaignTemplate.kind.${k}`)}</strong>
            <span>{t(`campaignTemplate.line.${k}`)}</span>
          </button>
        ))}
      </div>
      <p className="muted small">{t('campaignTemplate.note')}</p>
    </section>
  );
}
