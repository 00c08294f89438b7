import type { Handlers } from '../handler';
import { hoursLedger, personSessions, progressTable } from './progress';

export const progressHandlers = {
  'progress.table': (p, _c, i) => progressTable(p, i),
  'progress.person': (p, _c, i) => personSessions(p, i),
  'progress.ledger': (p, c, i) => hoursLedger(p, i, c.client.lang),
} satisfies Partial<Handlers>;
