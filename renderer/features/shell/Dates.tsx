// Dates as people read them: in the screen's language, and a deadline or period already past says so.
import { useTranslation } from 'react-i18next';
import { dayRange, dayText, todayIso } from './format';

/** A day; a deadline (`due`) that has passed is flagged 已过期. */
export function Day({ day, due = false }: { day: string | null | undefined; due?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!day) return <span>—</span>;
  const past = due && day < todayIso();
  return (
    <span className="day">
      {dayText(day, i18n.language)}
      {past && (
        <span className="flag past" data-testid="past-flag">
          {t('dates.past')}
        </span>
      )}
    </span>
  );
}

/** Where a period stands today: over, on now, or (null) still to come. */
function periodState(start: string, end: string): 'ended' | 'now' | null {
  const today = todayIso();
  return end < today ? 'ended' : start <= today ? 'now' : null;
}

function PeriodFlag({ state }: { state: 'ended' | 'now' }) {
  const { t } = useTranslation();
  return (
    <span className={`flag ${state === 'ended' ? 'past' : 'now'}`} data-testid={state === 'ended' ? 'ended-flag' : 'now-flag'}>
      {t(`dates.${state}`)}
    </span>
  );
}

/** A period: ended ones are flagged 已结束, the current one 进行中. */
export function Period({ start, end }: { start: string; end: string }) {
  const { i18n } = useTranslation();
  const state = periodState(start, end);
  return (
    <span className="day">
      {dayRange(start, end, i18n.language)}
      {state && <PeriodFlag state={state} />}
    </span>
  );
}

/** Only the flag of a period (for beside date inputs): 已结束 or 进行中, nothing for one to come. */
export function PhaseFlag({ start, end }: { start: string; end: string }) {
  const state = periodState(start, end);
  return state ? (
    <span className="day">
      <PeriodFlag state={state} />
    </span>
  ) : null;
}

/**
 * A date field: the browser's own picker (it writes the date in the browser's locale), with the
 * chosen day beside it in the screen's language, so 11/22/2026 is never the only way it reads.
 */
export function DayInput(props: Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type'> & { value: string }) {
  const { i18n } = useTranslation();
  return (
    <span className="day-input">
      <input type="date" {...props} />
      {props.value && <span className="muted small day-readout">{dayText(props.value, i18n.language)}</span>}
    </span>
  );
}
