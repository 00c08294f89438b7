import { who, type Handlers } from '../handler';
import { mergeDecide, mergeList } from './conflicts';

export const mergeHandlers = {
  'merge.list': (p) => mergeList(p),
  'merge.decide': (p, c, i) => mergeDecide(p, who(c).employeeNo, i),
} satisfies Partial<Handlers>;
