import { useTranslation } from 'react-i18next';
import type { CollectiveView } from '../../../electron/shared/api';
import { dayText } from '../shell/format';

type Minutes = NonNullable<CollectiveView['minutes']>;

/** A 研讨's minutes as last saved: what the archive will print (shown after a save, and on a closed campaign). */
export function MinutesSaved({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation();
  const findings = minutes.followUps.filter((f) => f.findingId).length;
  return (
    <div className="minutes-saved" data-testid="minutes-saved">
      <p className="ok">
        <strong>{t('minutes.savedLine', { speakers: minutes.speakers.length, followUps: minutes.followUps.length, findings })}</strong>
      </p>
      <h3>{t('minutes.speakers')}</h3>
      {minutes.speakers.length === 0 ? (
        <p className="muted">{t('minutes.noSpeakers')}</p>
      ) : (
        <ol>
          {minutes.speakers.map((s) => (
            <li key={s.employeeNo}>
              <strong>
                {s.name}（{s.employeeNo}）
              </strong>
              ：{s.points || <span className="muted">{t('minutes.noPoints')}</span>}
            </li>
          ))}
        </ol>
      )}
      <h3>{t('minutes.conclusions')}</h3>
      <p>{minutes.conclusions || <span className="muted">{t('minutes.none')}</span>}</p>
      {minutes.followUps.length > 0 && (
        <>
          <h3>{t('minutes.followUps')}</h3>
          <ol>
            {minutes.followUps.map((f) => (
              <li key={f.id}>
                {f.issue} → {f.action}
                {f.owner && ` · ${f.ownerName}（${f.owner}）`}
                {f.due && ` · ${dayText(f.due)}`}
                {f.findingId && (
                  <span className="badge" data-testid="followup-finding">
                    {t('minutes.registered')}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      <p className="muted small">{minutes.sheetPhoto ? t('minutes.sheetIs', { name: minutes.sheetPhoto.name }) : t('minutes.noSheet')}</p>
    </div>
  );
}
