import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadBase64, fileToBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';

/** Content packs: export the corpus once, load it on every workstation. */
export function PackPanel({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function exportPack() {
    setError(null);
    try {
      const p = await api['corpus.packExport']({});
      downloadBase64(p.fileName, p.base64);
    } catch (e) {
      setError(e);
    }
  }
  async function importPack(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setError(null);
    setDone(null);
    if (!file) return;
    setBusy(true);
    try {
      const r = await api['corpus.packImport']({ fileName: file.name, base64: await fileToBase64(file) });
      setDone(t('documents.packDone', r));
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      e.target.value = '';
    }
  }
  return (
    <div className="row">
      <button type="button" className="secondary" onClick={() => void exportPack()}>
        {t('documents.packExport')}
      </button>
      <label className="inline file">
        {t('documents.packImport')}
        <input type="file" accept=".zip" onChange={(e) => void importPack(e)} disabled={busy} data-testid="pack-file" />
      </label>
      {busy && <span className="muted">{t('documents.reading')}</span>}
      {done && <span className="ok">{done}</span>}
      <ErrorNote error={error} />
    </div>
  );
}
