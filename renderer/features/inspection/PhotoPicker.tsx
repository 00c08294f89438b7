import { useTranslation } from 'react-i18next';
import type { FileRef } from '../../../electron/core/evidence';
import { api, fileToBase64 } from '../../lib/api';

/** Photos picked for a record: uploaded one by one (each checked), shown by name. */
export function PhotoPicker({ photos, onChange, onError }: { photos: FileRef[]; onChange: (p: FileRef[]) => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  async function pick(files: FileList | null) {
    let next = photos;
    for (const file of Array.from(files ?? [])) {
      try {
        const ref = await api['finding.photo']({ fileName: file.name, base64: await fileToBase64(file) });
        if (!next.some((p) => p.sha256 === ref.sha256)) next = [...next, ref];
        onChange(next);
      } catch (e) {
        onError(e);
      }
    }
  }
  return (
    <div className="field">
      <span>{t('inspect.photos')}</span>
      <ul className="files" data-testid="photos">
        {photos.map((p) => (
          <li key={p.sha256}>
            {p.name} <span className="muted small">{Math.ceil(p.bytes / 1024)} KB</span>{' '}
            <button type="button" className="secondary small" onClick={() => onChange(photos.filter((x) => x.sha256 !== p.sha256))}>
              {t('report.detach')}
            </button>
          </li>
        ))}
      </ul>
      <label className="file-pick">
        <input type="file" multiple accept=".jpg,.jpeg,.png" aria-label={t('inspect.addPhotos')} onChange={(e) => void pick(e.target.files).then(() => (e.target.value = ''))} />
        <span className="muted small">{t('inspect.photoHint')}</span>
      </label>
    </div>
  );
}
