// Who takes part in a campaign: everyone on the roster, or a chosen part of it — departments and
// their teams, person categories, and people by 工号 (pasted from a list, or ticked from the roster
// by name). The number who take part is counted as the choice is made, with the same rule the
// backend applies (core/campaign-scope.ts).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { participantsOf } from '../../../electron/core/campaign-scope';
import { PERSON_CATEGORIES, type Participants, type Person } from '../../../electron/core/model';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { dayText } from '../shell/format';
import { useLoad } from '../shell/use-load';

type Some = Extract<Participants, { kind: 'some' }>;
const NOBODY: Some = { kind: 'some', depts: [], teams: [], categories: [], employeeNos: [] };
const NO_PEOPLE: Person[] = [];
const NO_SHAPE = /^[A-Za-z0-9_-]{1,32}$/;

/** 工号 in pasted text: one a line, or separated by spaces, commas or 、; what cannot be a 工号 is left out. */
export function employeeNosIn(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；]+/).filter((x) => NO_SHAPE.test(x)))];
}

const toggled = <T,>(xs: readonly T[], x: T, on: boolean, same: (a: T, b: T) => boolean = (a, b) => a === b): T[] => (on ? [...xs.filter((y) => !same(y, x)), x] : xs.filter((y) => !same(y, x)));

/** end: the campaign's last day (those hired after it take no part, whatever the choice here) */
export function ParticipantsEditor({ value, end, onChange }: { value: Participants; end: string; onChange: (p: Participants) => void }) {
  const { t, i18n } = useTranslation();
  const roster = useLoad(() => api['roster.list']({}), []);
  const people = roster.data ?? NO_PEOPLE;
  const [paste, setPaste] = useState('');
  const [q, setQ] = useState('');
  const some: Some = value.kind === 'some' ? value : NOBODY;
  const count = participantsOf({ participants: value, end }, people).length;
  // named by the choice but hired after the end: said, so a smaller count is not a puzzle
  const hiredLater = participantsOf({ participants: value, end: '9999-12-31' }, people).length - count;
  const byNo = useMemo(() => new Map(people.map((p) => [p.employeeNo, p])), [people]);
  const depts = useMemo(() => {
    const m = new Map<string, Map<string, number>>();
    for (const p of people) {
      const teams = m.get(p.dept) ?? new Map<string, number>();
      if (p.team) teams.set(p.team, (teams.get(p.team) ?? 0) + 1);
      m.set(p.dept, teams);
    }
    return [...m].map(([dept, teams]) => ({ dept, n: people.filter((p) => p.dept === dept).length, teams: [...teams] }));
  }, [people]);
  const found = q.trim() ? people.filter((p) => p.name.includes(q.trim()) || p.employeeNo.toLowerCase().includes(q.trim().toLowerCase())).slice(0, 30) : [];
  const set = (next: Partial<Some>) => onChange({ ...some, ...next });
  const sameTeam = (a: { dept: string; team: string }, b: { dept: string; team: string }) => a.dept === b.dept && a.team === b.team;

  return (
    <section className="card participants" data-testid="participants">
      <h2>{t('participants.title')}</h2>
      <div className="row" role="radiogroup" aria-label={t('participants.title')}>
        <label className={`option${value.kind === 'all' ? ' checked' : ''}`}>
          <input type="radio" name="participants-kind" checked={value.kind === 'all'} onChange={() => onChange({ kind: 'all' })} />
          <span>{t('participants.all', { n: people.length })}</span>
        </label>
        <label className={`option${value.kind === 'some' ? ' checked' : ''}`}>
          <input type="radio" name="participants-kind" checked={value.kind === 'some'} onChange={() => onChange(some)} />
          <span>{t('participants.some')}</span>
        </label>
      </div>
      <p className="participant-count" data-testid="participant-count" aria-live="polite">
        {roster.data ? t('participants.count', { n: count }) : t('common.loading')}
      </p>
      {hiredLater > 0 && (
        <p className="muted" data-testid="hired-later">
          {t('participants.hiredLater', { n: hiredLater, end: dayText(end, i18n.language) })}
        </p>
      )}
      <ErrorNote error={roster.error} />
      {value.kind === 'some' && (
        <>
          {count === 0 && some.employeeNos.length === 0 && <p className="notice">{t('participants.noneYet')}</p>}
          <fieldset className="pick-group">
            <legend>{t('participants.deptsTeams')}</legend>
            <div className="dept-list">
              {depts.map((d) => {
                const whole = some.depts.includes(d.dept);
                return (
                  <div key={d.dept} className="dept-block">
                    <label className="option">
                      <input type="checkbox" checked={whole} onChange={(e) => set({ depts: toggled(some.depts, d.dept, e.target.checked), teams: some.teams.filter((x) => x.dept !== d.dept) })} />
                      <span>
                        <strong>{d.dept}</strong> <span className="muted small">{t('participants.n', { n: d.n })}</span>
                      </span>
                    </label>
                    {d.teams.length > 0 && (
                      <div className="team-list">
                        {d.teams.map(([team, n]) => (
                          <label key={team} className="option">
                            <input
                              type="checkbox"
                              disabled={whole}
                              checked={whole || some.teams.some((x) => x.dept === d.dept && x.team === team)}
                              onChange={(e) => set({ teams: toggled(some.teams, { dept: d.dept, team }, e.target.checked, sameTeam) })}
                            />
                            <span>
                              {team} <span className="muted small">{t('participants.n', { n })}</span>
                            </span>
                          </label>
                        ))}
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>
          <fieldset className="pick-group">
            <legend>{t('participants.categories')}</legend>
            <div className="row">
              {PERSON_CATEGORIES.map((c) => (
                <label key={c} className="option">
                  <input type="checkbox" checked={some.categories.includes(c)} onChange={(e) => set({ categories: toggled(some.categories, c, e.target.checked) })} />
                  <span>
                    {c} <span className="muted small">{t('participants.n', { n: people.filter((p) => p.category === c).length })}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="pick-group">
            <legend>{t('participants.list')}</legend>
            {some.employeeNos.length > 0 && (
              <ul className="chips" data-testid="participant-list">
                {some.employeeNos.map((no) => {
                  const p = byNo.get(no);
                  return (
                    <li key={no} className={p ? '' : 'unknown'}>
                      {p ? `${p.name}（${no}）` : t('participants.notOnRoster', { no })}
                      <button type="button" className="link" aria-label={t('participants.remove', { no })} onClick={() => set({ employeeNos: some.employeeNos.filter((x) => x !== no) })}>
                        ×
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
            <div className="grid2">
              <div>
                <label>
                  {t('participants.paste')}
                  <textarea rows={3} value={paste} onChange={(e) => setPaste(e.target.value)} data-testid="participants-paste" />
                </label>
                <button
                  type="button"
                  className="secondary"
                  disabled={employeeNosIn(paste).length === 0}
                  onClick={() => {
                    set({ employeeNos: [...new Set([...some.employeeNos, ...employeeNosIn(paste)])] });
                    setPaste('');
                  }}
                >
                  {t('participants.addPasted', { n: employeeNosIn(paste).length })}
                </button>
              </div>
              <div>
                <label>
                  {t('participants.find')}
                  <input type="search" value={q} onChange={(e) => setQ(e.target.value)} data-testid="participants-find" />
                </label>
                <div className="found-list">
                  {found.map((p) => (
                    <label key={p.employeeNo} className="option">
                      <input type="checkbox" checked={some.employeeNos.includes(p.employeeNo)} onChange={(e) => set({ employeeNos: toggled(some.employeeNos, p.employeeNo, e.target.checked) })} />
                      <span>
                        {p.name}（{p.employeeNo}） <span className="muted small">{[p.dept, p.team].filter(Boolean).join(' · ')}</span>
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            </div>
          </fieldset>
        </>
      )}
    </section>
  );
}
