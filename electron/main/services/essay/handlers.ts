import { who, type Handlers } from '../handler';
import { essayHistory, exportEssay, getEssay, saveEssay, submitEssay } from './essay';
import { compareEssay, essayOverview, readEssay, reviewEssay } from './essay-review';

export const essayHandlers = {
  'essay.get': (p, c, i) => getEssay(p, who(c), i),
  'essay.save': (p, c, i) => saveEssay(p, who(c), i),
  'essay.submit': (p, c, i) => submitEssay(p, who(c), i),
  'essay.history': (p, c, i) => essayHistory(p, who(c), i),
  'essay.export': (p, c, i) => exportEssay(p, who(c), i),
  'essay.overview': (p, _c, i) => essayOverview(p, i),
  'essay.read': (p, _c, i) => readEssay(p, i),
  'essay.compare': (p, _c, i) => compareEssay(p, i),
  'grading.reviewEssay': (p, c, i) => reviewEssay(p, who(c), i),
} satisfies Partial<Handlers>;
