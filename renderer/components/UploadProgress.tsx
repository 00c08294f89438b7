// An upload's progress as the person sees it: the bar, the percentage and the MB of MB; after an
// interruption, how much is kept and one button to go on from there.
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../features/study/ProgressBar';
import type { UploadState } from '../lib/chunked-upload';

const mbOf = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export function UploadProgress({ state, stopped, onResume }: { state: UploadState; stopped: boolean; onResume: () => void }) {
  const { t } = useTranslation();
  const pct = state.size === 0 ? 100 : Math.floor((state.received / state.size) * 100);
  const numbers = { pct, done: mbOf(state.received), total: mbOf(state.size) };
  return (
    <div className="row" data-testid="upload-progress">
      <div className="grow">
        <ProgressBar value={state.received} max={Math.max(1, state.size)} label={t('upload.label')} />
        <span className={stopped ? 'notice' : 'muted small'} data-testid="upload-progress-text" aria-live="polite">
          {stopped ? t('upload.stopped', numbers) : state.retrying ? t('upload.retrying', numbers) : pct >= 100 ? t('upload.done', numbers) : t('upload.progress', numbers)}
        </span>
      </div>
      {stopped && (
        <button type="button" className="primary" onClick={onResume} data-testid="upload-resume">
          {t('upload.resume')}
        </button>
      )}
    </div>
  );
}
