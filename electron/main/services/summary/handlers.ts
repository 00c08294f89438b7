import { who, type Handlers } from '../handler';
import { exportSummary, getSummary, saveSummary } from './summary';

export const summaryHandlers = {
  'summary.get': (p, _c, i) => getSummary(p, i),
  'summary.save': (p, c, i) => saveSummary(p, who(c), i),
  'summary.export': (p, _c, i) => exportSummary(p, i),
} satisfies Partial<Handlers>;
