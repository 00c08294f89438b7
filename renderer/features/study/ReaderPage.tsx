import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { ReaderBody } from './ReaderBody';

/** The reader: outline left, text centre, a quiet counter on top; tabs for notes / official text. unit: open at it. */
export function ReaderPage({
  campaign,
  docId,
  textKey,
  canImport,
  unit = null,
}: {
  campaign: CampaignSummary | null;
  docId: string;
  textKey: string | null;
  canImport: boolean;
  unit?: string | null;
}) {
  const { t } = useTranslation();
  const doc = useLoad(() => api['corpus.get']({ docId, ...(textKey ? { key: textKey } : {}) }), [docId, textKey]);
  if (doc.error) return <ErrorNote error={doc.error} />;
  if (!doc.data) return <p className="muted">{t('common.loading')}</p>;
  return <ReaderBody campaign={campaign} doc={doc.data} canImport={canImport} unit={unit} />;
}
