// The campaign every page works on. Several run side by side (a warning month, a new-hire
// induction, a team's monthly activity), so each user picks one, and the choice is kept on this
// PC per 工号 (localStorage): a shared workstation keeps each person's own choice, and a choice
// is a convenience, never a record (a new PC simply starts from the first current campaign).
import { useCallback, useState } from 'react';
import type { CampaignListItem } from '../../../electron/shared/api';

export const keyOf = (employeeNo: string) => `anxue.campaign.${employeeNo}`;

/**
 * The campaign to show: the kept one while it is still in the list, else the list's first (the
 * list comes current first, then upcoming, ended, closed, so that is the first current one when
 * there is one).
 */
export function pickCampaign<C extends Pick<CampaignListItem, 'id'>>(list: readonly C[] | null, kept: string | null): C | null {
  if (!list || list.length === 0) return null;
  return list.find((c) => c.id === kept) ?? list[0]!;
}

function readKept(employeeNo: string): string | null {
  try {
    return localStorage.getItem(keyOf(employeeNo));
  } catch {
    return null;
  }
}

/** The chosen campaign of `list` for this person, and how to choose another (kept for next time). */
export function useChosenCampaign(employeeNo: string, list: readonly CampaignListItem[] | null): { campaign: CampaignListItem | null; choose: (id: string) => void } {
  const [kept, setKept] = useState(() => readKept(employeeNo));
  const choose = useCallback(
    (id: string) => {
      setKept(id);
      try {
        localStorage.setItem(keyOf(employeeNo), id);
      } catch {
        // a browser that keeps nothing (private mode): the choice lasts until the page is left
      }
    },
    [employeeNo],
  );
  return { campaign: pickCampaign(list, kept), choose };
}
