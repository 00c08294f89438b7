import { who, type Handlers } from '../handler';
import { attachToReport, detachFromReport, getReport, readReport, reportBoard, reportFile, reportInbox, reviewReport, saveReport, submitReport } from './report';

export const reportHandlers = {
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
} satisfies Partial<Handlers>;
