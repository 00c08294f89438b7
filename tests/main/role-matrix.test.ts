// Every contract call × every role → allowed or refused, as designed. The design is written out
// here on its own, so a contract change that widens access fails this test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../electron/core/model';
import { hashPassword } from '../../electron/main/services/accounts/auth';
import { CALL_NAMES, type CallName } from '../../electron/shared/api';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

type Who = Role | 'anonymous';
const E = 'employee',
  O = 'officer',
  A = 'archivist',
  M = 'admin',
  P = 'anonymous';
const DESIGN: Record<CallName, readonly Who[]> = {
  'setup.status': [P, E, O, A, M],
  'setup.init': [P, E, O, A, M],
  'auth.login': [P, E, O, A, M],
  'auth.logout': [E, O, A, M],
  'auth.me': [E, O, A, M],
  'auth.changePassword': [E, O, A, M],
  'auth.locks': [M],
  'auth.unlock': [M],
  'accounts.list': [M],
  'accounts.setRoles': [M],
  'accounts.resetPassword': [M],
  'accounts.setDisabled': [M],
  'accounts.revokeSessions': [M],
  'settings.get': [E, O, A, M],
  'settings.save': [M],
  'roster.preview': [O, M],
  'roster.commit': [O, M],
  'roster.list': [O, A, M],
  'roster.setHiredOn': [O, M],
  'corpus.list': [E, O, A, M],
  'corpus.get': [E, O, A, M],
  'corpus.units': [E, O, A, M],
  'reader.position': [E, O, A, M],
  'reader.savePosition': [E, O, A, M],
  'corpus.search': [E, O, A, M],
  'corpus.importPreview': [O, M],
  'corpus.importStart': [O, M],
  'corpus.importJob': [O, M],
  'corpus.importCancel': [O, M],
  'corpus.importCommit': [O, M],
  'corpus.packExport': [O, M],
  'corpus.packImport': [O, M],
  'bank.list': [O, M],
  'bank.importPreview': [O, M],
  'bank.importCommit': [O, M],
  'bank.refusedSheet': [O, M],
  'bank.template': [O, M],
  'bank.correctKey': [O, M],
  'bank.export': [O, M],
  'bank.save': [O, M],
  'bank.history': [O, M],
  'bank.remove': [O, M],
  'bank.drafts': [O, M],
  'bank.addDrafts': [O, M],
  'campaign.template': [O, M],
  'campaign.save': [O, M],
  'campaign.list': [E, O, A, M],
  'campaign.get': [O, M],
  'campaign.close': [O, M],
  'campaign.reopen': [O, M],
  'study.start': [E],
  'study.beat': [E],
  'study.answerCheck': [E],
  'study.stop': [E],
  'progress.mine': [E],
  'collective.list': [O, M],
  'collective.save': [O, M],
  'collective.attendance': [O, M],
  'collective.minutes': [O, M],
  'collective.openCheckIn': [O, M],
  'collective.checkIn': [E],
  'induction.board': [O, M],
  'induction.sign': [O, M],
  'induction.revoke': [O, M],
  'practice.options': [E],
  'practice.draw': [E],
  'practice.answer': [E],
  'practice.book': [E],
  'practice.weakSpots': [O, A, M],
  'quiz.start': [E],
  'quiz.save': [E],
  'quiz.submit': [E],
  'quiz.review': [E],
  'quiz.leave': [E],
  'quiz.stats': [O, A, M],
  'quiz.scoreSheet': [O, A, M],
  'essay.get': [E],
  'essay.save': [E],
  'essay.submit': [E],
  'essay.history': [E],
  'essay.export': [E, O, A, M],
  'essay.overview': [O, A, M],
  'essay.read': [O, A, M],
  'essay.compare': [O, M],
  'grading.queue': [O, M],
  'grading.gradeAnswer': [O, M],
  'grading.reviewEssay': [O, M],
  'progress.table': [O, A, M],
  'progress.person': [O, A, M],
  'progress.ledger': [O, A, M],
  'archive.exportPerson': [A, M],
  'people.delete': [M],
  'audit.list': [A, M],
  'signing.status': [A, M],
  'plan.get': [O, A, M],
  'plan.fromTemplate': [O, M],
  'plan.saveTask': [O, M],
  'plan.setDone': [O, M],
  'plan.deleteTask': [O, M],
  'report.get': [E],
  'report.save': [E],
  'report.attach': [E],
  'report.detach': [E],
  'report.submit': [E],
  'report.inbox': [E],
  'report.read': [E, O, A, M],
  'report.review': [E, O, M],
  'report.board': [O, A, M],
  'report.file': [E, O, A, M],
  'inspection.list': [O, A, M],
  'inspection.save': [O, M],
  'finding.photo': [E, O, M],
  'finding.record': [O, M],
  'finding.rectify': [E, O, M],
  'finding.verify': [O, M],
  'finding.mine': [E],
  'finding.file': [E, O, A, M],
  'inspection.ledger': [O, A, M],
  'summary.get': [O, A, M],
  'summary.save': [O, M],
  'summary.export': [O, A, M],
  'merge.list': [O, M],
  'merge.decide': [O, M],
  'year.view': [O, A, M],
  'year.ledger': [O, A, M],
  'archive.batchStart': [A, M],
  'archive.batchStatus': [A, M],
  'archive.batchCancel': [A, M],
  'archive.batchResume': [A, M],
  'archive.batchList': [A, M],
  'archive.list': [A, M],
  'archive.verify': [A, M],
  'archive.file': [A, M],
  'upload.begin': [O, M],
  'upload.chunk': [O, M],
  'upload.status': [O, M],
  'upload.finish': [O, M],
  'upload.cancel': [O, M],
  'upload.fromDialog': [O, M],
};

let app: TempApp;
const tokens: Partial<Record<Who, string | null>> = { anonymous: null };

beforeAll(async () => {
  app = makeApp();
  await seeded(app);
  const roles: Role[] = ['employee', 'officer', 'archivist', 'admin'];
  const hash = await hashPassword('role-pass-1');
  await app.ports.store.accounts.update((f) => {
    for (const r of roles) f.accounts.push({ employeeNo: `only-${r}`, name: r, roles: [r], passwordHash: hash, createdAt: '' });
  });
  for (const r of roles) tokens[r] = (await app.call('auth.login', { employeeNo: `only-${r}`, password: 'role-pass-1' })).token;
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('role matrix', () => {
  it('the design covers exactly the calls of the contract', () => {
    expect(Object.keys(DESIGN).sort()).toEqual([...CALL_NAMES].sort());
  });

  // one test per caller, listing every call whose answer breaks the design (not one test per cell)
  it.each(['anonymous', 'employee', 'officer', 'archivist', 'admin'] as Who[])('as %s: every call the design allows passes the role check, every other is refused', async (who) => {
    const wrong: string[] = [];
    for (const name of CALL_NAMES.filter((n) => n !== 'auth.logout')) {
      const r = await app.raw(name, {}, tokens[who] ?? null);
      const refused = !r.ok && (r.error.code === 'forbidden' || r.error.code === 'unauthenticated');
      const want = DESIGN[name].includes(who) ? 'allowed' : who === 'anonymous' ? 'unauthenticated' : 'forbidden';
      const got = !refused ? 'allowed' : r.ok ? 'allowed' : r.error.code;
      if (got !== want) wrong.push(`${name}: ${want} expected, got ${JSON.stringify(r).slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('an unknown call and a forged token are refused', async () => {
    expect(await app.raw('debug.dump', {}, tokens.admin)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.raw('auth.me', {}, 'forged-token')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('logout ends the session', async () => {
    const t = (await app.call('auth.login', { employeeNo: 'only-employee', password: 'role-pass-1' })).token;
    await app.call('auth.logout', {}, t);
    expect(await app.raw('auth.me', {}, t)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
