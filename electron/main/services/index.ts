// All use-cases behind the contract: one handler per call. Role checks happen in the dispatcher
// (from the contract); record-level checks (own records only) happen here, by construction:
// employee handlers only ever touch the caller's own file.
//
// Each area (a folder) writes its own calls in `<area>/handlers.ts`; this file only joins them.
// `handlers` is typed as the whole map, so a call no area answers fails typecheck here.
import { accountHandlers } from './accounts/handlers';
import { archiveHandlers } from './archive/handlers';
import { bankHandlers } from './bank/handlers';
import { campaignHandlers } from './campaign/handlers';
import { guardCampaigns } from './campaign/guard';
import { corpusHandlers } from './corpus/handlers';
import { essayHandlers } from './essay/handlers';
import type { Handlers } from './handler';
import { inductionHandlers } from './induction/handlers';
import { inspectionHandlers } from './inspection/handlers';
import { mergeHandlers } from './merge/handlers';
import { progressHandlers } from './progress/handlers';
import { quizHandlers } from './quiz/handlers';
import { quizResumes } from './quiz/resumes';
import { reportHandlers } from './report/handlers';
import { rosterHandlers } from './roster/handlers';
import { signingHandlers } from './signing/handlers';
import { studyHandlers } from './study/handlers';
import { summaryHandlers } from './summary/handlers';
import { uploadHandlers } from './upload/handlers';
import { yearHandlers } from './year/handlers';

export type { Handler, Handlers } from './handler';

// every call that names a campaign passes its checks first (campaign/guard.ts)
export const handlers: Handlers = guardCampaigns(
  {
    ...accountHandlers,
    ...rosterHandlers,
    ...corpusHandlers,
    ...bankHandlers,
    ...campaignHandlers,
    ...studyHandlers,
    ...inductionHandlers,
    ...progressHandlers,
    ...quizHandlers,
    ...essayHandlers,
    ...archiveHandlers,
    ...signingHandlers,
    ...reportHandlers,
    ...inspectionHandlers,
    ...summaryHandlers,
    ...mergeHandlers,
    ...yearHandlers,
    ...uploadHandlers,
  },
  { ...quizResumes },
);
