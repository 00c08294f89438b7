import { bankQuestions } from '../campaign/campaign';
import { who, type Handlers } from '../handler';
import { addDrafts, draftsOf } from './drafts';
import { refusedSheet } from './refused-sheet';
import { bankTemplate, commitBank, correctKey, exportBank, previewBank, questionHistory, removeQuestions, saveQuestion } from './bank';

export const bankHandlers = {
  'bank.list': (p) => bankQuestions(p),
  'bank.importPreview': (p, _c, i) => previewBank(p, i),
  'bank.importCommit': (p, _c, i) => commitBank(p, i),
  'bank.refusedSheet': (_p, c, i) => refusedSheet(i, c.client.lang),
  'bank.template': () => bankTemplate(),
  'bank.correctKey': (p, c, i) => correctKey(p, who(c), i),
  'bank.export': (p, _c, i) => exportBank(p, i),
  'bank.save': (p, c, i) => saveQuestion(p, who(c), i),
  'bank.history': (p, _c, i) => questionHistory(p, i),
  'bank.remove': (p, c, i) => removeQuestions(p, who(c), i),
  'bank.drafts': (p, _c, i) => draftsOf(p, i),
  'bank.addDrafts': (p, _c, i) => addDrafts(p, i),
} satisfies Partial<Handlers>;
