import { who, type Handlers } from '../handler';
import { exportPersonTo } from './export-person';
import { batchCancel, batchList, batchResume, batchStart, batchStatus } from './jobs-service';
import { exportFile, verifyExport } from './verify';

export const archiveHandlers = {
  'archive.exportPerson': (p, c, i) => exportPersonTo(p, i.employeeNo, p.store.exportsDir(), who(c).employeeNo, i.year),
  'archive.batchStart': (p, c, i) => batchStart(p, who(c), i),
  'archive.batchStatus': (p, _c, i) => batchStatus(p, i),
  'archive.batchCancel': (p, _c, i) => batchCancel(p, i),
  'archive.batchResume': (p, _c, i) => batchResume(p, i),
  'archive.batchList': (p) => batchList(p),
  'archive.list': async (p) => (await p.store.exports.read()).exports.map(({ exportId, employeeNo, at, by }) => ({ exportId, employeeNo, at, by })).reverse(),
  'archive.verify': (p, _c, i) => verifyExport(p, i.exportId),
  'archive.file': (p, _c, i) => exportFile(p, i.exportId, i.name),
} satisfies Partial<Handlers>;
