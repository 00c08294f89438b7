// All use-cases behind the contract: one handler per call. Role checks happen in the dispatcher
// (from the contract); record-level checks (own records only) happen here, by construction:
// employee handlers only ever touch the caller's own file.
import type { CallName, Input, Output } from '../../shared/api';
import { settingsSchema } from '../../core/model';
import type { Account } from '../../records/shared-docs';
import { exportFile, exportPersonTo, verifyExport } from './archive';
import { listAccounts, resetPassword, revokeSessions, setDisabled, setRoles } from './accounts';
import { auditList } from './audit';
import { isUnlocked, latestCheckpoint, publicKeyOf } from './signing';
import { deletePerson } from './retention';
import { batchCancel, batchList, batchResume, batchStart, batchStatus } from './archive/jobs-service';
import { bankTemplate, commitBank, correctKey, exportBank, previewBank, questionHistory, removeQuestions, saveQuestion } from './bank';
import { changePassword, login, setupInit, setupStatus, toMe } from './auth';
import { currentLocks, unlock } from './login-guard';
import { answerPractice, drawPractice, practiceBook, practiceOptions, weakSpots } from './practice';
import { bankQuestions, campaignTemplate, getCampaign, listCampaigns, saveCampaign } from './campaign';
import { getDocText, listDocs } from './corpus';
import { importCancel, importCommit, importJob, importPreview, importStart, searchCorpus } from './corpus-import';
import { exportPack, importPack } from './content-pack';
import { checkIn, listCollective, openCheckIn, saveCollective, setAttendance } from './collective';
import { essayHistory, exportEssay, getEssay, saveEssay, submitEssay } from './essay';
import { gradeAnswer, gradingQueue } from './grading';
import { compareEssay, essayOverview, readEssay, reviewEssay } from './essay-review';
import { hoursLedger, personSessions, progressTable } from './progress';
import { ApiError } from './errors';
import { iso, type Caller, type Ports } from './ports';
import { leaveQuiz, reviewQuiz, startQuiz, saveQuiz, submitQuiz } from './quiz';
import { quizStats, scoreSheet } from './quiz-results';
import { mergeDecide, mergeList } from './merge';
import { planDeleteTask, planFromTemplate, planGet, planSaveTask, planSetDone } from './plan';
import { attachToReport, detachFromReport, getReport, readReport, reportBoard, reportFile, reportInbox, reviewReport, saveReport, submitReport } from './report';
import { findingFile, ledgerXlsx, listInspections, myFindings, recordFinding, rectifyFinding, saveInspection, uploadPhoto, verifyFinding } from './inspection';
import { exportSummary, getSummary, saveSummary } from './summary';
import { commitRoster, listRoster, previewRoster } from './roster';
import { answerAttentionCheck, beat, myProgress, startStudy, stopStudy } from './study';

export type Handler<K extends CallName> = (ports: Ports, caller: Caller, input: Input<K>) => Promise<Output<K>>;
export type Handlers = { [K in CallName]: Handler<K> };

function who(c: Caller): Account {
  if (!c.account) throw new ApiError('unauthenticated', '请先登录 / please sign in first');
  return c.account;
}

export const handlers: Handlers = {
  'setup.status': (p, c) => setupStatus(p, c.client),
  'setup.init': (p, c, i) => setupInit(p, i, c.client),
  'auth.login': (p, c, i) => login(p, i, c.client),
  'auth.logout': async (p, c) => {
    if (c.token) await p.sessions.drop(c.token);
    return { ok: true };
  },
  'auth.me': (p, c) => toMe(p, who(c)),
  'auth.changePassword': (p, c, i) => changePassword(p, { ...c, account: who(c) }, i),
  'auth.locks': (p) => currentLocks(p),
  'auth.unlock': (p, c, i) => unlock(p, who(c).employeeNo, i),
  'accounts.list': (p) => listAccounts(p),
  'accounts.setRoles': (p, c, i) => setRoles(p, who(c).employeeNo, i),
  'accounts.resetPassword': (p, c, i) => resetPassword(p, who(c).employeeNo, i),
  'accounts.setDisabled': (p, c, i) => setDisabled(p, who(c).employeeNo, i),
  'accounts.revokeSessions': (p, c, i) => revokeSessions(p, who(c).employeeNo, i),
  'settings.get': async (p) => (await p.store.meta.read()).settings,
  'settings.save': async (p, _c, i) => {
    const s = settingsSchema.parse(i);
    await p.store.meta.update((m) => {
      m.settings = s;
    });
    return s;
  },
  'roster.preview': (p, _c, i) => previewRoster(p, i),
  'roster.commit': (p, _c, i) => commitRoster(p, i),
  'roster.list': (p) => listRoster(p),
  'corpus.list': (p) => listDocs(p),
  'corpus.get': (p, _c, i) => getDocText(p, i.docId, i.key),
  'reader.position': async (p, c, i) => ({ ratio: (await p.store.person(who(c).employeeNo).read()).open.positions?.[`${i.docId}/${i.key}`]?.ratio ?? null }),
  'reader.savePosition': async (p, c, i) => {
    const at = iso(p.clock.now());
    await p.store.person(who(c).employeeNo).update((f) => {
      f.open.positions = { ...f.open.positions, [`${i.docId}/${i.key}`]: { ratio: i.ratio, at } };
    });
    return { ok: true };
  },
  'corpus.search': (p, _c, i) => searchCorpus(p, i.q),
  'corpus.importPreview': (p, _c, i) => importPreview(p, i),
  'corpus.importStart': async (p, _c, i) => importStart(p, i),
  'corpus.importJob': async (p, _c, i) => importJob(p, i.jobId),
  'corpus.importCancel': async (p, _c, i) => importCancel(p, i.jobId),
  'corpus.importCommit': (p, c, i) => importCommit(p, who(c), i),
  'corpus.packExport': (p, _c, i) => exportPack(p, i.docIds),
  'corpus.packImport': (p, c, i) => importPack(p, who(c), i),
  'bank.list': (p) => bankQuestions(p),
  'bank.importPreview': (p, _c, i) => previewBank(p, i),
  'bank.importCommit': (p, _c, i) => commitBank(p, i),
  'bank.template': () => bankTemplate(),
  'bank.correctKey': (p, c, i) => correctKey(p, who(c), i),
  'bank.export': (p, _c, i) => exportBank(p, i),
  'bank.save': (p, c, i) => saveQuestion(p, who(c), i),
  'bank.history': (p, _c, i) => questionHistory(p, i),
  'bank.remove': (p, c, i) => removeQuestions(p, who(c), i),
  'campaign.template': (p) => campaignTemplate(p),
  'campaign.save': (p, c, i) => saveCampaign(p, who(c), i),
  'campaign.list': (p) => listCampaigns(p),
  'campaign.get': (p, _c, i) => getCampaign(p, i.campaignId),
  'study.start': (p, c, i) => startStudy(p, who(c), i),
  'study.beat': (p, c, i) => beat(p, who(c), i),
  'study.answerCheck': (p, c, i) => answerAttentionCheck(p, who(c), i),
  'study.stop': (p, c, i) => stopStudy(p, who(c), i),
  'progress.mine': (p, c, i) => myProgress(p, who(c), i),
  'practice.options': (p, c, i) => practiceOptions(p, who(c), i),
  'practice.draw': (p, c, i) => drawPractice(p, who(c), i),
  'practice.answer': (p, c, i) => answerPractice(p, who(c), i),
  'practice.book': (p, c, i) => practiceBook(p, who(c), i),
  'practice.weakSpots': (p, _c, i) => weakSpots(p, i),
  'collective.list': (p, _c, i) => listCollective(p, i.campaignId),
  'collective.save': (p, c, i) => saveCollective(p, who(c), i),
  'collective.attendance': (p, c, i) => setAttendance(p, who(c), i),
  'collective.openCheckIn': (p, _c, i) => openCheckIn(p, i),
  'collective.checkIn': (p, c, i) => checkIn(p, who(c), i),
  'quiz.start': (p, c, i) => startQuiz(p, who(c), i),
  'quiz.save': (p, c, i) => saveQuiz(p, who(c), i),
  'quiz.submit': (p, c, i) => submitQuiz(p, who(c), i),
  'quiz.review': (p, c, i) => reviewQuiz(p, who(c), i),
  'quiz.leave': (p, c, i) => leaveQuiz(p, who(c), i),
  'quiz.stats': (p, _c, i) => quizStats(p, i),
  'quiz.scoreSheet': (p, c, i) => scoreSheet(p, i, c.client.lang),
  'essay.get': (p, c, i) => getEssay(p, who(c), i),
  'essay.save': (p, c, i) => saveEssay(p, who(c), i),
  'essay.submit': (p, c, i) => submitEssay(p, who(c), i),
  'essay.history': (p, c, i) => essayHistory(p, who(c), i),
  'essay.export': (p, c, i) => exportEssay(p, who(c), i),
  'essay.overview': (p, _c, i) => essayOverview(p, i),
  'essay.read': (p, _c, i) => readEssay(p, i),
  'essay.compare': (p, _c, i) => compareEssay(p, i),
  'grading.queue': (p, _c, i) => gradingQueue(p, i),
  'grading.gradeAnswer': (p, c, i) => gradeAnswer(p, who(c), i),
  'grading.reviewEssay': (p, c, i) => reviewEssay(p, who(c), i),
  'progress.table': (p, _c, i) => progressTable(p, i),
  'progress.person': (p, _c, i) => personSessions(p, i),
  'progress.ledger': (p, c, i) => hoursLedger(p, i, c.client.lang),
  'archive.exportPerson': (p, c, i) => exportPersonTo(p, i.employeeNo, p.store.exportsDir(), who(c).employeeNo),
  'people.delete': (p, c, i) => deletePerson(p, who(c), i),
  'audit.list': (p) => auditList(p),
  'signing.status': async (p) => ({ fingerprint: (await publicKeyOf(p))?.fingerprint ?? null, unlocked: isUnlocked(p), latest: await latestCheckpoint(p) }),
  'plan.get': (p, _c, i) => planGet(p, i),
  'plan.fromTemplate': (p, _c, i) => planFromTemplate(p, i),
  'plan.saveTask': (p, _c, i) => planSaveTask(p, i),
  'plan.setDone': (p, c, i) => planSetDone(p, who(c), i),
  'plan.deleteTask': (p, _c, i) => planDeleteTask(p, i),
  'report.get': (p, c, i) => getReport(p, who(c), i),
  'report.save': (p, c, i) => saveReport(p, who(c), i),
  'report.attach': (p, c, i) => attachToReport(p, who(c), i),
  'report.detach': (p, c, i) => detachFromReport(p, who(c), i),
  'report.submit': (p, c, i) => submitReport(p, who(c), i),
  'report.inbox': (p, c, i) => reportInbox(p, who(c), i),
  'report.read': (p, c, i) => readReport(p, who(c), i),
  'report.review': (p, c, i) => reviewReport(p, who(c), i),
  'report.board': (p, _c, i) => reportBoard(p, i),
  'report.file': (p, c, i) => reportFile(p, who(c), i),
  'inspection.list': (p, _c, i) => listInspections(p, i),
  'inspection.save': (p, c, i) => saveInspection(p, who(c), i),
  'finding.photo': (p, _c, i) => uploadPhoto(p, i),
  'finding.record': (p, c, i) => recordFinding(p, who(c), i),
  'finding.rectify': (p, c, i) => rectifyFinding(p, who(c), i),
  'finding.verify': (p, c, i) => verifyFinding(p, who(c), i),
  'finding.mine': (p, c, i) => myFindings(p, who(c), i),
  'finding.file': (p, c, i) => findingFile(p, who(c), i),
  'inspection.ledger': (p, _c, i) => ledgerXlsx(p, i),
  'summary.get': (p, _c, i) => getSummary(p, i),
  'summary.save': (p, c, i) => saveSummary(p, who(c), i),
  'summary.export': (p, _c, i) => exportSummary(p, i),
  'merge.list': (p) => mergeList(p),
  'merge.decide': (p, c, i) => mergeDecide(p, who(c).employeeNo, i),
  'archive.batchStart': (p, c, i) => batchStart(p, who(c), i),
  'archive.batchStatus': (p, _c, i) => batchStatus(p, i),
  'archive.batchCancel': (p, _c, i) => batchCancel(p, i),
  'archive.batchResume': (p, _c, i) => batchResume(p, i),
  'archive.batchList': (p) => batchList(p),
  'archive.list': async (p) => (await p.store.exports.read()).exports.map(({ exportId, employeeNo, at, by }) => ({ exportId, employeeNo, at, by })).reverse(),
  'archive.verify': (p, _c, i) => verifyExport(p, i.exportId),
  'archive.file': (p, _c, i) => exportFile(p, i.exportId, i.name),
};
