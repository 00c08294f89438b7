import type { Handlers } from '../handler';
import { hoursLedger, personSessions, progressView } from './progress';

export const progressHandlers = {
  'progress.table': (p, _c, i) => progressView(p, i),
  'progress.person': (p, _c, i) => personSessions(p, i),
  'progress.ledger': (p, c, i) => hoursLedger(p, i, c.client.lang),
} satisfies Partial<Handlers>;
