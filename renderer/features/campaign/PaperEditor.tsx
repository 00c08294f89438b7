import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUESTION_TYPES, type CampaignInput, type DrawRule, type Question } from '../../../electron/core/model';
import { rulePools, rulesTotal } from '../../../electron/core/paper';
import type { DocMeta } from '../../../electron/shared/api';
import { ALL_BANKS, BankTypeSelects } from '../bank/BankTypeSelects';

type Quiz = CampaignInput['quiz'];
const SHOWN = 100;
const newRule = (): DrawRule => ({ type: 'single', count: 10, points: 2, banks: [], categories: [], docIds: [], difficulties: [] });

/**
 * The exam paper of a campaign: fixed (everyone the same questions, chosen here) or drawn at random
 * for each person by rules (how many of each type, each worth how many points, from where).
 */
export function PaperEditor({ quiz, bank, docs, onChange }: { quiz: Quiz; bank: Question[]; docs: DocMeta[]; onChange: (q: Quiz) => void }) {
  const { t } = useTranslation();
  const banks = useMemo(() => [...new Set(bank.map((q) => q.bank))].sort(), [bank]);
  const categories = useMemo(() => [...new Set(bank.map((q) => q.category).filter(Boolean))].sort(), [bank]);
  return (
    <div className="span2 stack">
      <div className="segmented" role="radiogroup" aria-label={t('paper.mode')}>
        {(['fixed', 'random'] as const).map((m) => (
          <button key={m} type="button" role="radio" aria-checked={quiz.mode === m} className={quiz.mode === m ? 'on' : ''} onClick={() => onChange({ ...quiz, mode: m })}>
            {t(`paper.mode_${m}`)}
          </button>
        ))}
      </div>
      {quiz.mode === 'random' ? (
        <RulesEditor quiz={quiz} bank={bank} banks={banks} categories={categories} docs={docs} onChange={onChange} />
      ) : (
        <FixedPicker quiz={quiz} bank={bank} banks={banks} onChange={onChange} />
      )}
    </div>
  );
}

function FixedPicker({ quiz, bank, banks, onChange }: { quiz: Quiz; bank: Question[]; banks: string[]; onChange: (q: Quiz) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [inBank, setInBank] = useState<string | null>(null);
  const [type, setType] = useState<string>('');
  const chosen = new Set(quiz.questionIds);
  const matches = bank.filter((q) => (inBank === null || q.bank === inBank) && (!type || q.type === type) && (!text.trim() || q.stem.includes(text.trim())));
  const points = bank.filter((q) => chosen.has(q.id)).reduce((s, q) => s + q.score, 0);
  const toggle = (id: string, on: boolean) => onChange({ ...quiz, questionIds: on ? [...quiz.questionIds, id] : quiz.questionIds.filter((x) => x !== id) });
  return (
    <div className="stack">
      <p data-testid="paper-summary">{t('paper.fixedSummary', { n: quiz.questionIds.length, points: Math.round(points * 100) / 100 })}</p>
      <div className="row filters">
        <input type="search" placeholder={t('paper.filterText')} aria-label={t('paper.filterText')} value={text} onChange={(e) => setText(e.target.value)} />
        <BankTypeSelects banks={banks} bank={inBank ?? ALL_BANKS} type={type} onBank={(b) => setInBank(b === ALL_BANKS ? null : b)} onType={setType} />
        <button type="button" className="secondary" onClick={() => onChange({ ...quiz, questionIds: [...new Set([...quiz.questionIds, ...matches.map((q) => q.id)])] })}>
          {t('paper.chooseAll', { n: matches.length })}
        </button>
        <button type="button" className="secondary" onClick={() => onChange({ ...quiz, questionIds: quiz.questionIds.filter((id) => !matches.some((q) => q.id === id)) })}>
          {t('paper.clearAll')}
        </button>
      </div>
      <div className="question-pick">
        {matches.slice(0, SHOWN).map((q) => (
          <label key={q.id} className="option">
            <input type="checkbox" checked={chosen.has(q.id)} onChange={(e) => toggle(q.id, e.target.checked)} />
            <span>
              <span className="tag">{t(`quiz.type.${q.type}`)}</span> {q.stem} <span className="muted small">{t('quiz.pointsParen', { n: q.score })}</span>
            </span>
          </label>
        ))}
        {matches.length > SHOWN && <p className="muted">{t('paper.more', { n: matches.length - SHOWN })}</p>}
      </div>
    </div>
  );
}

function RulesEditor({ quiz, bank, banks, categories, docs, onChange }: { quiz: Quiz; bank: Question[]; banks: string[]; categories: string[]; docs: DocMeta[]; onChange: (q: Quiz) => void }) {
  const { t } = useTranslation();
  const pools = rulePools(bank, quiz.rules);
  const total = rulesTotal(quiz.rules);
  const setRule = (i: number, r: Partial<DrawRule>) => onChange({ ...quiz, rules: quiz.rules.map((x, k) => (k === i ? { ...x, ...r } : x)) });
  const one = <T,>(v: string, map: (s: string) => T): T[] => (v === '\u0000' ? [] : [map(v)]);
  return (
    <div className="stack">
      <p className="muted">{t('paper.rulesIntro')}</p>
      <table className="table rules">
        <thead>
          <tr>
            <th>{t('paper.type')}</th>
            <th>{t('paper.count')}</th>
            <th>{t('paper.points')}</th>
            <th>{t('paper.bank')}</th>
            <th>{t('paper.category')}</th>
            <th>{t('paper.doc')}</th>
            <th>{t('paper.difficulty')}</th>
            <th>{t('paper.pool')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {quiz.rules.map((r, i) => (
            <tr key={i} data-testid={`rule-${i + 1}`}>
              <td>
                <select aria-label={t('paper.type')} value={r.type} onChange={(e) => setRule(i, { type: e.target.value as DrawRule['type'] })}>
                  {QUESTION_TYPES.map((x) => (
                    <option key={x} value={x}>
                      {t(`quiz.type.${x}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input type="number" className="num" aria-label={t('paper.count')} min={1} max={200} value={r.count} onChange={(e) => setRule(i, { count: Number(e.target.value) })} />
              </td>
              <td>
                <input type="number" className="num" aria-label={t('paper.points')} min={0.5} step={0.5} max={100} value={r.points} onChange={(e) => setRule(i, { points: Number(e.target.value) })} />
              </td>
              <td>
                <select aria-label={t('paper.bank')} value={r.banks[0] ?? '\u0000'} onChange={(e) => setRule(i, { banks: one(e.target.value, String) })}>
                  <option value={'\u0000'}>{t('paper.any')}</option>
                  {banks.map((b) => (
                    <option key={b} value={b}>
                      {b || t('bank.bundled')}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select aria-label={t('paper.category')} value={r.categories[0] ?? '\u0000'} onChange={(e) => setRule(i, { categories: one(e.target.value, String) })}>
                  <option value={'\u0000'}>{t('paper.any')}</option>
                  {categories.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select aria-label={t('paper.doc')} value={r.docIds[0] ?? '\u0000'} onChange={(e) => setRule(i, { docIds: one(e.target.value, String) })}>
                  <option value={'\u0000'}>{t('paper.any')}</option>
                  {docs.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select aria-label={t('paper.difficulty')} value={String(r.difficulties[0] ?? '\u0000')} onChange={(e) => setRule(i, { difficulties: one(e.target.value, Number) })}>
                  <option value={'\u0000'}>{t('paper.any')}</option>
                  {[1, 2, 3].map((d) => (
                    <option key={d} value={d}>
                      {t(`bank.difficulty_${d}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td className={pools[i]! < r.count ? 'notice' : ''} data-testid={`pool-${i + 1}`}>
                {pools[i]! < r.count ? t('paper.short', { n: pools[i] }) : pools[i]}
              </td>
              <td>
                <button type="button" className="link" aria-label={t('paper.removeRule', { n: i + 1 })} onClick={() => onChange({ ...quiz, rules: quiz.rules.filter((_, k) => k !== i) })}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row-between">
        <button type="button" className="secondary" onClick={() => onChange({ ...quiz, rules: [...quiz.rules, newRule()] })}>
          {t('paper.addRule')}
        </button>
        <strong data-testid="paper-summary">{t('paper.rulesSummary', { n: total.count, points: total.points })}</strong>
      </div>
      {total.points !== 100 && quiz.rules.length > 0 && <p className="muted small">{t('paper.not100', { points: total.points })}</p>}
    </div>
  );
}
