// 三级安全教育 as it stands in a person's record: the levels signed off (on paper, by the level's
// responsible person) and entered by the officer, less those taken back as mistaken.
import { INDUCTION_LEVELS, type Campaign, type InductionLevel } from '../core/model';
import type { EventBodies, PersonEvent } from './events';

export type InductionSignOff = EventBodies['induction.signed'] & { at: string; by: string };

/** The key of one level of one campaign. */
export const inductionKey = (campaignId: string, level: InductionLevel) => `${campaignId}/${level}`;

/** Every level signed and not revoked, by inductionKey, in the order signed. */
export function inductionSignOffs(f: { readonly events: readonly PersonEvent[] }): Map<string, InductionSignOff> {
  const out = new Map<string, InductionSignOff>();
  for (const e of f.events) {
    if (e.type === 'induction.signed') out.set(inductionKey(e.data.campaignId, e.data.level), { ...e.data, at: e.at, by: e.by });
    if (e.type === 'induction.revoked') out.delete(inductionKey(e.data.campaignId, e.data.level));
  }
  return out;
}

/** The signed levels of one campaign. */
export function inductionOf(f: { readonly events: readonly PersonEvent[] }, campaignId: string): InductionSignOff[] {
  return [...inductionSignOffs(f).values()].filter((s) => s.campaignId === campaignId);
}

/** One level of one person in an induction campaign: the 学时 it counts and its sign-off, if entered. */
export interface LevelStanding {
  level: InductionLevel;
  /** the campaign's 学时 for the level (those of the sign-off once signed: fixed then) */
  hours: number;
  signed: InductionSignOff | null;
}

/** The three levels of a person in an induction campaign, in their order, signed or not. */
export function inductionLevels(signed: ReadonlyMap<string, InductionSignOff>, c: Pick<Campaign, 'id' | 'induction'>): LevelStanding[] {
  return INDUCTION_LEVELS.map((level) => {
    const s = signed.get(inductionKey(c.id, level)) ?? null;
    return { level, hours: s?.hours ?? c.induction?.levels.find((l) => l.level === level)?.hours ?? 0, signed: s };
  });
}
