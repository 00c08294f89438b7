import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../../lib/api';

/** A visible, plain error line: the backend's message names the file, row or field. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const msg =
    error instanceof ApiFailure
      ? error.code === 'network'
        ? t('error.network')
        : error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <p className="error" role="alert">
      {t('error.prefix')}
      {msg}
    </p>
  );
}
