// What quiz.start does on a closed campaign, handed to the campaign guard (campaign/guard.ts) apart
// from the area's handler slice: the attempt open at the close goes on, a new one never starts.
import type { Resumes } from '../campaign/guard';
import { who } from '../handler';
import { resumeQuiz } from './quiz';

export const quizResumes = {
  'quiz.start': (p, c, i) => resumeQuiz(p, who(c), i),
} satisfies Resumes;
