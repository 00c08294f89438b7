// What the year's calls answer: everyone's 学时 of a calendar year over every campaign, against the
// retraining requirement of their category, and the totals by 部门 / 班组 / 人员类别.
import type { CampaignKind } from '../../core/model';

/** Which of the category's settings a person's requirement for the year is: retraining, or a new hire's initial training. */
export type YearRequirement = 'annual' | 'initial';

export interface YearPersonRow {
  employeeNo: string;
  name: string;
  dept: string;
  team: string;
  category: string;
  /** counted in the year over every campaign (self-study once however many campaigns it counts toward, collective sessions), the open session included */
  ms: number;
  creditHours: number;
  requiredCreditHours: number;
  requirement: YearRequirement;
  /** 学时 still needed (0 when met) */
  shortCreditHours: number;
  met: boolean;
  /** the campaigns of the year the person takes part in (named in YearView.campaigns) */
  campaignIds: string[];
}

export interface YearGroupRow {
  /** the 部门, the 班组 (within `dept`) or the 人员类别; '' for people with no 班组 */
  key: string;
  /** the 班组's 部门 (teams of the same name in two departments are two rows) */
  dept?: string;
  people: number;
  met: number;
  short: number;
  /** mean 学时 of the group's people, one decimal */
  averageCreditHours: number;
}

export interface YearView {
  year: string;
  /** the local date the figures stand at */
  asOf: string;
  minutesPerCreditHour: number;
  /** the requirement per category as the settings say (学时) */
  targets: Record<string, { initial: number; annual: number }>;
  /** the campaigns whose dates reach into the year, by start */
  campaigns: { id: string; name: string; kind: CampaignKind; start: string; end: string }[];
  rows: YearPersonRow[];
  totals: { people: number; met: number; short: number };
  groups: { dept: YearGroupRow[]; team: YearGroupRow[]; category: YearGroupRow[] };
  /** years with any counted time or any campaign, this year first, then the latest first */
  years: string[];
}
