import { who, type Handlers } from '../handler';
import { inductionBoard, revokeInduction, signInduction } from './induction';

export const inductionHandlers = {
  'induction.board': (p, _c, i) => inductionBoard(p, i),
  'induction.sign': (p, c, i) => signInduction(p, who(c), i),
  'induction.revoke': (p, c, i) => revokeInduction(p, who(c), i),
} satisfies Partial<Handlers>;
