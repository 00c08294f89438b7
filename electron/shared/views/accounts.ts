// What the contract's account and roster calls answer: the signed-in person, accounts as an admin
// sees them, and a roster import's preview and result.
import type { Person, Role } from '../../core/model';
import type { RowError } from '../../core/roster';

export interface Me {
  employeeNo: string;
  name: string;
  roles: Role[];
  person: Person | null;
  /** a password an admin reset: nothing but choosing one's own works until then */
  mustChangePassword: boolean;
}
/** An account as the admin sees it (never its password hash). */
export interface AccountView {
  employeeNo: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  /** in the roster (an account without is the setup admin, or a person who left) */
  inRoster: boolean;
}
export interface RosterPreview {
  ok: boolean;
  fileName: string;
  errors: RowError[];
  rows: (Person & { action: 'create' | 'update' | 'same' })[];
}
export interface RosterCommitResult {
  created: number;
  updated: number;
  unchanged: number;
  /** initial passwords of the accounts created now: shown once, never stored in clear */
  initialPasswords: { employeeNo: string; name: string; password: string }[];
}
