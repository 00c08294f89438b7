import { who, type Handlers } from '../handler';
import { checkIn, listCollective, openCheckIn, saveCollective, saveSessionMinutes, setAttendance } from './collective';
import { answerPractice, drawPractice, practiceBook, practiceOptions, weakSpots } from './practice';
import { answerAttentionCheck, beat, myProgress, startStudy, stopStudy } from './study';

export const studyHandlers = {
  'study.start': (p, c, i) => startStudy(p, who(c), i),
  'study.beat': (p, c, i) => beat(p, who(c), i),
  'study.answerCheck': (p, c, i) => answerAttentionCheck(p, who(c), i),
  'study.stop': (p, c, i) => stopStudy(p, who(c), i),
  'progress.mine': (p, c, i) => myProgress(p, who(c), i),
  'practice.options': (p, c, i) => practiceOptions(p, who(c), i),
  'practice.draw': (p, c, i) => drawPractice(p, who(c), i),
  'practice.answer': (p, c, i) => answerPractice(p, who(c), i),
  'practice.book': (p, c, i) => practiceBook(p, who(c), i),
  'practice.weakSpots': (p, _c, i) => weakSpots(p, i),
  'collective.list': (p, _c, i) => listCollective(p, i.campaignId),
  'collective.save': (p, c, i) => saveCollective(p, who(c), i),
  'collective.attendance': (p, c, i) => setAttendance(p, who(c), i),
  'collective.minutes': (p, c, i) => saveSessionMinutes(p, who(c), i),
  'collective.openCheckIn': (p, _c, i) => openCheckIn(p, i),
  'collective.checkIn': (p, c, i) => checkIn(p, who(c), i),
} satisfies Partial<Handlers>;
