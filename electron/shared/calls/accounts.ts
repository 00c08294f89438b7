// The calls of first-run setup, signing in, accounts, settings and the roster.
import { z } from 'zod';
import { employeeNoSchema, personSchema, ROLES, settingsSchema, type Person, type Settings } from '../../core/model';
import { call, UPLOAD, ALL, OFFICE, none, fileUpload } from './common';
import type { Me, AccountView, RosterPreview, RosterCommitResult } from '../views/accounts';

export const accountCalls = {
  /** setupCodeRequired: this caller is not on the server PC, so first-run setup needs the code the server printed */
  'setup.status': call<{ initialized: boolean; enterprise: string | null; setupCodeRequired: boolean }>()(none, 'public'),
  'setup.init': call<Me>()(
    z.object({
      enterprise: z.string().trim().min(1).max(120),
      adminNo: employeeNoSchema,
      adminName: z.string().trim().min(1).max(40),
      password: z.string().min(8, 'rule.passwordLength').max(200),
      setupCode: z.string().trim().max(64).optional(),
    }),
    'public',
  ),
  'auth.login': call<{ token: string; me: Me }>()(z.object({ employeeNo: z.string().trim().min(1).max(32), password: z.string().min(1).max(200) }), 'public'),
  'auth.logout': call<{ ok: true }>()(none, ALL),
  'auth.me': call<Me>()(none, ALL),
  /** sessionsEnded: the account's other sessions (other PCs, other browsers), ended by the change */
  'auth.changePassword': call<{ ok: true; sessionsEnded: number }>()(z.object({ oldPassword: z.string().min(1).max(200), newPassword: z.string().min(8, 'rule.passwordLength').max(200) }), ALL),

  /** accounts locked and addresses blocked by failed logins, now */
  'auth.locks': call<{ kind: 'account' | 'address'; subject: string; until: string; failures: number }[]>()(none, ['admin']),
  'auth.unlock': call<{ ok: true }>()(
    z.object({ kind: z.enum(['account', 'address']), subject: z.string().trim().min(1).max(64), reason: z.string().trim().min(1, 'rule.unlockReason').max(500) }).strict(),
    ['admin'],
  ),
  'accounts.list': call<AccountView[]>()(none, ['admin']),
  /** the whole set of roles (employee, officer, archivist, admin); the last admin keeps admin */
  'accounts.setRoles': call<AccountView>()(
    z.object({ employeeNo: employeeNoSchema, roles: z.array(z.enum(ROLES)).min(1, 'rule.oneRole').max(4), reason: z.string().trim().max(500).default('') }).strict(),
    ['admin'],
  ),
  /** a one-time password, in the answer only: to be changed at the next sign-in */
  'accounts.resetPassword': call<{ employeeNo: string; name: string; password: string; sessionsEnded: number }>()(
    z.object({ employeeNo: employeeNoSchema, reason: z.string().trim().max(500).default('') }).strict(),
    ['admin'],
  ),
  'accounts.setDisabled': call<AccountView>()(z.object({ employeeNo: employeeNoSchema, disabled: z.boolean(), reason: z.string().trim().max(500).default('') }).strict(), ['admin']),
  'accounts.revokeSessions': call<{ sessionsEnded: number }>()(z.object({ employeeNo: employeeNoSchema, reason: z.string().trim().max(500).default('') }).strict(), ['admin']),
  'settings.get': call<Settings>()(none, ALL),
  'settings.save': call<Settings>()(settingsSchema, ['admin']),

  'roster.preview': call<RosterPreview>()(fileUpload, OFFICE, UPLOAD),
  'roster.commit': call<RosterCommitResult>()(fileUpload, OFFICE, UPLOAD),
  'roster.list': call<Person[]>()(none, [...OFFICE, 'archivist']),
  /** 入职日期 of one person, set on the roster screen (null: not known); answers the person as now stored */
  'roster.setHiredOn': call<Person>()(z.object({ employeeNo: employeeNoSchema, hiredOn: personSchema.shape.hiredOn.unwrap().nullable() }).strict(), OFFICE),
} as const;
