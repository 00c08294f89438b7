import { who, type Handlers } from '../handler';
import { findingFile, ledgerXlsx, listInspections, myFindings, recordFinding, rectifyFinding, saveInspection, uploadPhoto, verifyFinding } from './inspection';

export const inspectionHandlers = {
  'inspection.list': (p, _c, i) => listInspections(p, i),
  'inspection.save': (p, c, i) => saveInspection(p, who(c), i),
  'finding.photo': (p, _c, i) => uploadPhoto(p, i),
  'finding.record': (p, c, i) => recordFinding(p, who(c), i),
  'finding.rectify': (p, c, i) => rectifyFinding(p, who(c), i),
  'finding.verify': (p, c, i) => verifyFinding(p, who(c), i),
  'finding.mine': (p, c, i) => myFindings(p, who(c), i),
  'finding.file': (p, c, i) => findingFile(p, who(c), i),
  'inspection.ledger': (p, _c, i) => ledgerXlsx(p, i),
} satisfies Partial<Handlers>;
