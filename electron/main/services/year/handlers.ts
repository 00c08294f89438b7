import type { Handlers } from '../handler';
import { yearView } from './year';
import { yearLedger } from './year-ledger';

export const yearHandlers = {
  'year.view': (p, _c, i) => yearView(p, i),
  'year.ledger': (p, c, i) => yearLedger(p, i, c.client.lang),
} satisfies Partial<Handlers>;
