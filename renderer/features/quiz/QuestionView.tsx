import { useTranslation } from 'react-i18next';
import type { QuestionForTaker } from '../../../electron/core/model';

const letter = (i: number) => String.fromCharCode(65 + i);

export function QuestionView({
  index,
  question: q,
  value,
  onChange,
  hideScore = false,
}: {
  index: number;
  question: QuestionForTaker;
  value: string[];
  onChange: (v: string[]) => void;
  hideScore?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="question">
      <legend>
        <span className="tag">{t(`quiz.type.${q.type}`)}</span> {index + 1}. {q.stem} {!hideScore && <span className="muted small">{t('quiz.pointsParen', { n: q.score })}</span>}
      </legend>
      {(q.type === 'single' || q.type === 'multiple') &&
        q.options.map((o, i) => {
          const l = letter(i);
          const checked = value.includes(l);
          return (
            <label key={l} className={checked ? 'option checked' : 'option'}>
              <input
                type={q.type === 'single' ? 'radio' : 'checkbox'}
                name={q.id}
                checked={checked}
                onChange={() => onChange(q.type === 'single' ? [l] : checked ? value.filter((x) => x !== l) : [...value, l].sort())}
              />
              <span>
                {l}. {o}
              </span>
            </label>
          );
        })}
      {q.type === 'truefalse' &&
        (['T', 'F'] as const).map((v) => (
          <label key={v} className={value[0] === v ? 'option checked' : 'option'}>
            <input type="radio" name={q.id} checked={value[0] === v} onChange={() => onChange([v])} />
            <span>{v === 'T' ? t('quiz.true') : t('quiz.false')}</span>
          </label>
        ))}
      {q.type === 'fill' && <input className="wide" aria-label={t('quiz.yourAnswer')} value={value[0] ?? ''} onChange={(e) => onChange([e.target.value])} />}
      {q.type === 'short' && <textarea className="wide" rows={6} aria-label={t('quiz.yourAnswer')} value={value[0] ?? ''} onChange={(e) => onChange([e.target.value])} />}
    </fieldset>
  );
}
