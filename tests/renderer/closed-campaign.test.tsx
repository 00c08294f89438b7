// A closed campaign's pages offer nothing the backend would refuse (campaign/guard.ts and assertOpen):
// no session recorded or attendance changed, no inspection saved or finding added, no answer graded,
// no essay or 述职 reviewed, no new quiz started. What stays allowed stays offered: a finding's
// rectification, and a quiz attempt left open at the close resumed and handed in. Each page is drawn
// as the desktop app draws it, against a fake preload that answers the calls it is given.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  AnxueClient,
  CallName,
  CampaignSummary,
  CollectiveView,
  EssayOverview,
  EssayRecord,
  FindingView,
  GradingQueue,
  InspectionsView,
  MyProgress,
  QuizAttemptView,
  ReportBoard,
  ReportRecord,
} from '../../electron/shared/api';
import type { Person } from '../../electron/core/model';

// lib/api.ts picks window.anxue when it loads: it must be there before any page is imported
const answers = vi.hoisted(() => {
  const answers: Partial<Record<string, (input: unknown) => Promise<unknown>>> = {};
  window.anxue = new Proxy({} as AnxueClient, {
    get: (_, name: string) => answers[name] ?? (() => Promise.reject(new Error(`the fake preload was not given ${name}`))),
  });
  return answers;
});
function answer<K extends CallName>(name: K, out: Awaited<ReturnType<AnxueClient[K]>>) {
  answers[name] = async () => out;
}

import i18n from '../../renderer/i18n/index';
import { EssaysPage } from '../../renderer/features/essay/EssaysPage';
import { GradingPage } from '../../renderer/features/grading/GradingPage';
import { InspectionsPage } from '../../renderer/features/inspection/InspectionsPage';
import { QuizPage } from '../../renderer/features/quiz/QuizPage';
import { ReportsPage } from '../../renderer/features/report/ReportsPage';
import { SessionsPage } from '../../renderer/features/sessions/SessionsPage';

afterEach(cleanup);

const t = (key: string) => i18n.t(key);
const open = {
  id: 'c1',
  name: '警示月',
  closedAt: null,
  studyStart: '2026-12-01',
  quiz: { questionCount: 20, timeLimitMinutes: 30, passMark: 80, maxAttempts: 2, maxLeaves: 0 },
} as unknown as CampaignSummary;
const closed = { ...open, closedAt: '2026-12-06T08:00:00.000Z' } as CampaignSummary;
const button = (name: string) => screen.queryByRole('button', { name });

const person = { employeeNo: 'E001', name: '张三', dept: '一车间' } as Person;
answer('roster.list', [person]);
answer('corpus.list', []);

describe('collective sessions (集中学习活动)', () => {
  const session: CollectiveView = {
    id: 's1',
    campaignId: 'c1',
    type: 'film',
    topic: '警示教育片',
    date: '2026-12-03',
    start: '09:00',
    durationMinutes: 60,
    place: '会议室',
    host: '李四',
    case: null,
    attendees: [{ employeeNo: 'E001', via: 'roster', at: '2026-12-03T09:00:00.000Z' }],
    checkIn: null,
    minutes: null,
  };
  answer('collective.list', [session]);

  it('open: a session is recorded, and its attendance ticked or opened to check-in', async () => {
    render(<SessionsPage campaign={open} />);
    expect(button(t('sessions.add'))).not.toBeNull();
    fireEvent.click(await screen.findByTestId('session-attendance'));
    expect(await screen.findByRole('checkbox', { name: /张三/ })).toHaveProperty('disabled', false);
    expect(button(t('sessions.openCheckIn'))).not.toBeNull();
    expect(button(i18n.t('sessions.saveAttendance', { n: 1 }))).not.toBeNull();
  });

  it('closed: who attended is shown, nothing is recorded, ticked or opened', async () => {
    render(<SessionsPage campaign={closed} />);
    expect(screen.getByRole('heading', { name: t('sessions.title') })).toBeInstanceOf(HTMLElement);
    expect(screen.queryByTestId('session-form')).toBeNull();
    expect(button(t('sessions.add'))).toBeNull();
    const see = await screen.findByTestId('session-attendance');
    expect(see.textContent).toBe(t('sessions.attendees'));
    fireEvent.click(see);
    expect((await screen.findByText('张三（E001）', { exact: false })).textContent).toBe('一车间：张三（E001）');
    expect(screen.queryAllByRole('checkbox')).toEqual([]);
    expect(button(t('sessions.openCheckIn'))).toBeNull();
    expect(button(i18n.t('sessions.saveAttendance', { n: 1 }))).toBeNull();
  });
});

describe('inspections and the 问题台账', () => {
  const finding: FindingView = {
    id: 'f1',
    seq: 2,
    inspectionId: 'i1',
    campaignId: 'c1',
    recordedAt: '2026-12-03T10:00:00.000Z',
    recordedBy: 'admin',
    level: 'general',
    location: '罐区',
    description: '呼吸阀未检',
    measure: '补检',
    owner: 'E001',
    ownerName: '张三',
    due: '2026-12-20',
    photos: [],
    status: 'open',
    rectifications: [],
    verifications: [],
    closedAt: null,
    closedBy: null,
    overdue: false,
    inspection: { kind: 'procedure', scope: 'workshop', unit: '一车间', date: '2026-12-03', inspectors: '李四' },
    names: {},
  };
  const view: InspectionsView = {
    today: '2026-12-07',
    inspections: [
      {
        id: 'i1',
        campaignId: 'c1',
        kind: 'procedure',
        scope: 'workshop',
        unit: '一车间',
        date: '2026-12-03',
        inspectors: '李四',
        checklist: [],
        savedAt: '2026-12-03T10:00:00.000Z',
        savedBy: 'admin',
        findings: 1,
        openFindings: 1,
      },
    ],
    findings: [finding],
    counts: { findings: 1, closed: 0, overdue: 0, major: 0 },
    head: 'a'.repeat(64),
  };
  answer('inspection.list', view);

  it('open: an inspection is added or edited, a finding added and rectified', async () => {
    render(<InspectionsPage campaign={open} me="admin" />);
    await screen.findByTestId('inspections');
    expect(button(t('inspect.new'))).not.toBeNull();
    expect(
      within(screen.getByTestId('inspections'))
        .queryAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([t('inspect.addFinding'), t('inspect.edit')]);
    expect(within(screen.getByTestId('findings')).queryByRole('button', { name: t('inspect.rectify') })).not.toBeNull();
  });

  it('closed: the inspections are only shown and the ledger exported; a finding is still rectified', async () => {
    render(<InspectionsPage campaign={closed} me="admin" />);
    await screen.findByTestId('inspections');
    expect(button(t('inspect.new'))).toBeNull();
    expect(within(screen.getByTestId('inspections')).queryAllByRole('button')).toEqual([]);
    expect(button(t('inspect.exportLedger'))).not.toBeNull();
    fireEvent.click(within(screen.getByTestId('findings')).getByRole('button', { name: t('inspect.rectify') }));
    expect(within(screen.getByTestId('findings')).getByRole('textbox')).toBeInstanceOf(HTMLElement);
  });
});

describe('grading (阅卷)', () => {
  const queue: GradingQueue = {
    anonymous: false,
    answers: [
      { paper: '12345678', attempt: 1, ref: 'r1', employeeNo: 'E001', name: '张三', attemptId: 'a1', questionId: 'q1', stem: '动火作业前应做什么？', reference: '办理作业票', given: '办票', max: 5 },
    ],
    essays: [],
  };
  answer('grading.queue', queue);

  it('open: an answer is scored and saved', async () => {
    render(<GradingPage campaign={open} />);
    const card = await screen.findByTestId('answer-card');
    expect(within(card).queryByRole('spinbutton')).not.toBeNull();
    expect(within(card).queryByRole('button', { name: t('grading.save') })).not.toBeNull();
    expect(screen.queryByTestId('grading-closed')).toBeNull();
  });

  it('closed: the answer is shown with the reference, nothing to score, and the page says why', async () => {
    render(<GradingPage campaign={closed} />);
    const card = await screen.findByTestId('answer-card');
    expect(card.textContent).toContain('办票');
    expect(within(card).queryByRole('spinbutton')).toBeNull();
    expect(within(card).queryAllByRole('button')).toEqual([]);
    expect(screen.getByTestId('grading-closed').textContent).toBe(t('grading.closed'));
  });
});

describe('the quiz (考核)', () => {
  const progress = (openAttemptId: string | null) => ({ quiz: { attemptsUsed: 1, best: null, openAttemptId, results: [] } }) as unknown as MyProgress;
  const attempt: QuizAttemptView = {
    attemptId: 'a1',
    campaignId: 'c1',
    questions: [{ id: 'q1', type: 'single', stem: '动火作业前应当做什么？', options: ['办理作业票', '直接动火'], score: 5 }],
    answers: { q1: ['A'] },
    flags: [],
    remainingMs: 600_000,
    timeLimitMinutes: 30,
    maxLeaves: 0,
    leaves: 0,
  };
  answer('quiz.save', { remainingMs: 600_000 });

  it('open: a new attempt is started, an open one resumed', async () => {
    answer('progress.mine', progress(null));
    const { unmount } = render(<QuizPage campaign={open} />);
    expect((await screen.findByTestId('quiz-start')).textContent).toBe(t('quiz.start'));
    unmount();
    answer('progress.mine', progress('a1'));
    render(<QuizPage campaign={open} />);
    await screen.findByText(t('quiz.resumeNote'));
    expect(screen.getByTestId('quiz-start').textContent).toBe(t('quiz.resume'));
  });

  it('closed: nothing new is started, and the page says so', async () => {
    answer('progress.mine', progress(null));
    render(<QuizPage campaign={closed} />);
    expect((await screen.findByTestId('quiz-closed')).textContent).toBe(t('quiz.closed'));
    expect(screen.queryByTestId('quiz-start')).toBeNull();
  });

  it('closed: an attempt left open at the close is resumed with its answers, without asking to start', async () => {
    answer('progress.mine', progress('a1'));
    const started = vi.fn(async () => attempt);
    answers['quiz.start'] = started;
    render(<QuizPage campaign={closed} />);
    expect((await screen.findByTestId('quiz-closed')).textContent).toBe(t('quiz.closedOpenAttempt'));
    const go = screen.getByTestId('quiz-start');
    expect(go.textContent).toBe(t('quiz.resume'));
    fireEvent.click(go);
    expect(await screen.findByText('动火作业前应当做什么？', { exact: false })).toBeInstanceOf(HTMLElement);
    expect(started).toHaveBeenCalledWith({ campaignId: 'c1' }, expect.anything());
    expect(screen.getByRole('radio', { name: /办理作业票/ })).toHaveProperty('checked', true);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closed: an attempt whose time ran out is handed in; the page says so and shows it among the attempts', async () => {
    answer('progress.mine', progress('a1'));
    const refusal = { code: 'conflict', message: 'closed', key: 'campaign.closedReadOnly', params: { name: '警示月', at: '2026-12-06' } };
    answers['quiz.start'] = async () => {
      answer('progress.mine', progress(null));
      throw new Error(`Error invoking remote method: ${JSON.stringify(refusal)}`);
    };
    render(<QuizPage campaign={closed} />);
    fireEvent.click(await screen.findByTestId('quiz-start'));
    expect((await screen.findByTestId('quiz-handed-in')).textContent).toBe(t('quiz.closedHandedIn'));
    expect(screen.queryByRole('alert')).toBeNull();
    // the progress read again: nothing left to go on with
    expect((await screen.findByText(t('quiz.closed'))).dataset.testid).toBe('quiz-closed');
    expect(screen.queryByTestId('quiz-start')).toBeNull();
  });
});

describe('essay review (剖析材料审阅)', () => {
  const overview: EssayOverview = {
    deadline: '2026-12-20',
    thresholdPercent: 30,
    counts: { not_started: 0, draft: 0, submitted: 1, returned: 0, accepted: 0 },
    rows: [
      {
        employeeNo: 'E001',
        name: '张三',
        dept: '一车间',
        team: '',
        post: '操作工',
        leader: false,
        status: 'submitted',
        version: 1,
        submittedAt: '2026-12-04T08:00:00.000Z',
        total: 620,
        minChars: 500,
        similarity: null,
      },
    ],
  };
  const record: EssayRecord = {
    person: { employeeNo: 'E001', name: '张三', dept: '一车间', team: '', post: '操作工', leader: false },
    status: 'submitted',
    versions: [
      {
        version: 1,
        at: '2026-12-04T08:00:00.000Z',
        parts: { awareness: '巡检走过场', responsibility: '交接班不清', warning: '侥幸酿大祸', measures: '逐点巡检', leadership: '' },
        accidents: [],
        total: 620,
      },
    ],
    reviews: [],
    similarity: null,
    thresholdPercent: 30,
  };
  answer('essay.overview', overview);
  answer('essay.read', record);

  it('open: a submitted essay is opened to review, remarked on, accepted or returned', async () => {
    render(<EssaysPage campaign={open} />);
    fireEvent.click(await screen.findByRole('button', { name: t('essays.review') }));
    await screen.findByTestId('essay-review');
    expect(screen.getByText('巡检走过场')).toBeInstanceOf(HTMLElement);
    expect(button(t('grading.accept'))).not.toBeNull();
    expect(button(t('grading.return'))).not.toBeNull();
    expect(screen.queryAllByRole('button', { name: t('essays.remark') })).toHaveLength(4);
    expect(screen.queryByTestId('essay-closed')).toBeNull();
  });

  it('closed: the essay is opened to read, with nothing to accept, return or remark on', async () => {
    render(<EssaysPage campaign={closed} />);
    expect(button(t('essays.review'))).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: t('essays.view') }));
    await screen.findByTestId('essay-review');
    expect(screen.getByText('巡检走过场')).toBeInstanceOf(HTMLElement);
    expect(screen.getByTestId('essay-closed').textContent).toBe(t('essays.closed'));
    expect(button(t('grading.accept'))).toBeNull();
    expect(button(t('grading.return'))).toBeNull();
    expect(screen.queryAllByRole('button', { name: t('essays.remark') })).toEqual([]);
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    // the printable copies are still there
    expect(button(t('essay.exportPdf'))).not.toBeNull();
  });
});

describe('述职 review', () => {
  const board: ReportBoard = {
    levels: [{ level: 'team', total: 1, counts: { not_started: 0, draft: 0, submitted: 1, returned: 0, accepted: 0 } }],
    rows: [
      {
        employeeNo: 'T1',
        name: '班长丁',
        dept: '甲醇车间',
        team: '合成一班',
        post: '班长',
        level: 'team',
        superior: { employeeNo: 'W1', name: '主任丙' },
        status: 'submitted',
        version: 1,
        submittedAt: '2026-12-04T08:00:00.000Z',
        total: 900,
        score: null,
        waitingFor: '主任丙',
      },
    ],
  };
  const record: ReportRecord = {
    person: { employeeNo: 'T1', name: '班长丁', dept: '甲醇车间', team: '合成一班', post: '班长', level: 'team' },
    status: 'submitted',
    versions: [{ version: 1, at: '2026-12-04T08:00:00.000Z', to: 'W1', toName: '主任丙', parts: { duties: '组织班前会', work: '排查隐患三项', rules: '遵守操作规程' }, total: 900, attachments: [] }],
    reviews: [],
    defaultSheet: [{ name: '履职情况', max: 100 }],
    // the backend says false on a closed campaign; the page does not lean on it
    mayReview: true,
  };
  answer('report.board', board);
  answer('report.read', record);

  it('open: a submitted report is opened to review, returned or accepted with a score', async () => {
    render(<ReportsPage campaign={open} />);
    fireEvent.click(await screen.findByRole('button', { name: t('report.openReview') }));
    await screen.findByTestId('report-review');
    expect(screen.getByTestId('report-answer')).toBeInstanceOf(HTMLElement);
    expect(button(t('report.return'))).not.toBeNull();
    expect(button(t('report.accept'))).not.toBeNull();
    expect(screen.queryByTestId('report-closed')).toBeNull();
  });

  it('closed: the report is opened to read, with nothing to return, score or accept', async () => {
    render(<ReportsPage campaign={closed} />);
    expect(button(t('report.openReview'))).toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: t('report.open') }));
    const review = await screen.findByTestId('report-review');
    expect(within(review).getByText('排查隐患三项')).toBeInstanceOf(HTMLElement);
    expect(screen.getByTestId('report-closed').textContent).toBe(t('report.closedReview'));
    expect(screen.queryByTestId('report-answer')).toBeNull();
    expect(button(t('report.return'))).toBeNull();
    expect(button(t('report.accept'))).toBeNull();
    expect(within(review).queryAllByRole('textbox')).toEqual([]);
  });
});
