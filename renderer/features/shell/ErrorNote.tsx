import { useTranslation } from 'react-i18next';
import { ApiFailure } from '../../lib/api';
import { errorText } from '../../lib/message-language';

function waitText(t: (k: string, o: Record<string, unknown>) => string, seconds: number): string {
  return seconds < 90 ? t('error.seconds', { n: seconds }) : t('error.minutes', { n: Math.ceil(seconds / 60) });
}

/** A visible, plain error line: the backend's message names the file, row or field. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const msg =
    error instanceof ApiFailure
      ? error.code === 'network'
        ? t('error.network')
        : error.code === 'rate_limited'
          ? t(error.field === 'address' ? 'error.lockedAddress' : 'error.lockedAccount', { when: waitText(t, error.retryAfterSeconds ?? 60) })
          : error.code === 'too_large'
            ? t('error.tooLarge')
            : errorText(error)
      : errorText(error);
  return (
    <p className="error" role="alert">
      {t('error.prefix')}
      {msg}
    </p>
  );
}
