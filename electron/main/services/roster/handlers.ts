import { who, type Handlers } from '../handler';
import { deletePerson } from './retention';
import { commitRoster, listRoster, previewRoster, setHiredOn } from './roster';

export const rosterHandlers = {
  'roster.preview': (p, _c, i) => previewRoster(p, i),
  'roster.commit': (p, _c, i) => commitRoster(p, i),
  'roster.list': (p) => listRoster(p),
  'roster.setHiredOn': (p, _c, i) => setHiredOn(p, i),
  'people.delete': (p, c, i) => deletePerson(p, who(c), i),
} satisfies Partial<Handlers>;
