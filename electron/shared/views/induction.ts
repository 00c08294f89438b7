// What the 三级安全教育 calls answer: each participant's three levels, and who may sign each.
import type { InductionLevel, PersonCategory, ReportLevel } from '../../core/model';

export interface InductionLevelState {
  level: InductionLevel;
  /** null: not signed yet */
  signed: {
    date: string;
    hours: number;
    minutes: number;
    signer: string;
    signerName: string;
    signerPost: string;
    content: string;
    /** when and by whom (工号) it was entered */
    at: string;
    by: string;
  } | null;
}

export interface InductionRow {
  employeeNo: string;
  name: string;
  dept: string;
  team: string;
  post: string;
  levels: InductionLevelState[];
}

/** Someone on the roster who may be named as a level's signer. */
export interface InductionSigner {
  employeeNo: string;
  name: string;
  dept: string;
  team: string;
  post: string;
  category: PersonCategory;
  leader: boolean;
  level: ReportLevel | null;
}

export interface InductionBoard {
  campaignId: string;
  /** false: the campaign is not a 三级安全教育 campaign (the board is empty) */
  induction: boolean;
  closed: boolean;
  /** the campaign's 学时 per level */
  levels: { level: InductionLevel; hours: number }[];
  rows: InductionRow[];
  /** everyone on the roster, to choose the signer from (the screen suggests those fitting the level first) */
  signers: InductionSigner[];
  /** today's local date: a sign-off may not be dated later */
  today: string;
}
