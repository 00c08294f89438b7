import { who, type Handlers } from '../handler';
import { gradeAnswer, gradingQueue } from './grading';
import { leaveQuiz, reviewQuiz, startQuiz, saveQuiz, submitQuiz } from './quiz';
import { quizStats, scoreSheet } from './quiz-results';

export const quizHandlers = {
  'quiz.start': (p, c, i) => startQuiz(p, who(c), i),
  'quiz.save': (p, c, i) => saveQuiz(p, who(c), i),
  'quiz.submit': (p, c, i) => submitQuiz(p, who(c), i),
  'quiz.review': (p, c, i) => reviewQuiz(p, who(c), i),
  'quiz.leave': (p, c, i) => leaveQuiz(p, who(c), i),
  'quiz.stats': (p, _c, i) => quizStats(p, i),
  'quiz.scoreSheet': (p, c, i) => scoreSheet(p, i, c.client.lang),
  'grading.queue': (p, _c, i) => gradingQueue(p, i),
  'grading.gradeAnswer': (p, c, i) => gradeAnswer(p, who(c), i),
} satisfies Partial<Handlers>;
