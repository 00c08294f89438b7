import { PERSON_CATEGORIES, type PersonCategory } from '../../electron/core/model';

/**
 * A number per person category, each one optional: an empty field takes the common figure (shown
 * as its placeholder). Used for what a campaign asks of some categories (学时, 字数).
 */
export function CategoryNumbers({
  legend,
  common,
  value,
  step = 1,
  onChange,
  testId,
}: {
  legend: string;
  common: number | null;
  value: Partial<Record<PersonCategory, number>> | undefined;
  step?: number;
  onChange: (next: Partial<Record<PersonCategory, number>>) => void;
  testId?: string;
}) {
  return (
    <fieldset className="span2 min-by-category" data-testid={testId}>
      <legend>{legend}</legend>
      <div className="row">
        {PERSON_CATEGORIES.map((c) => (
          <label key={c} className="inline">
            {c}
            <input
              type="number"
              className="num"
              min={0}
              step={step}
              placeholder={common === null ? '' : String(common)}
              value={value?.[c] ?? ''}
              onChange={(e) => {
                const next = { ...(value ?? {}) };
                if (e.target.value === '') delete next[c];
                else next[c] = Number(e.target.value);
                onChange(next);
              }}
            />
          </label>
        ))}
      </div>
    </fieldset>
  );
}
