// The 研讨记录 on the sessions page, against a fake preload: an open campaign's discussion offers the
// speakers as chips tapped from the attendees and a save; a closed one's shows the minutes as saved
// and offers nothing to tap or save (the backend refuses: assertOpen).
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnxueClient, CallName, CampaignSummary, CollectiveView } from '../../electron/shared/api';
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

import '../../renderer/i18n/index';
import { SessionsPage } from '../../renderer/features/sessions/SessionsPage';

afterEach(cleanup);

const open = { id: 'c1', name: '警示月', closedAt: null, studyStart: '2026-12-01' } as unknown as CampaignSummary;
const closed = { ...open, closedAt: '2026-12-06T08:00:00.000Z' } as CampaignSummary;
answer('roster.list', [{ employeeNo: 'E001', name: '张三', dept: '一车间' } as Person]);
answer('corpus.list', []);

describe('研讨记录 (minutes of a discussion)', () => {
  const seminar: CollectiveView = {
    id: 's2',
    campaignId: 'c1',
    type: 'seminar',
    topic: '动火作业专题研讨',
    date: '2026-12-04',
    start: '14:00',
    durationMinutes: 60,
    place: '会议室',
    host: '李四',
    case: null,
    attendees: [{ employeeNo: 'E001', via: 'roster', at: '2026-12-04T06:00:00.000Z' }],
    checkIn: null,
    minutes: {
      sessionId: 's2',
      campaignId: 'c1',
      type: 'seminar',
      topic: '动火作业专题研讨',
      date: '2026-12-04',
      speakers: [{ employeeNo: 'E001', name: '张三', points: '动火前先做气体分析' }],
      conclusions: '严格执行作业票',
      followUps: [],
      sheetPhoto: null,
      savedAt: '2026-12-04T08:00:00.000Z',
      savedBy: 'admin',
    },
  };

  it('open: speakers are tapped from the attendees and the record can be saved', async () => {
    answer('collective.list', [seminar]);
    render(<SessionsPage campaign={open} />);
    fireEvent.click(await screen.findByTestId('session-minutes'));
    const chip = await screen.findByTestId('speaker-E001');
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('minutes-save')).toBeInstanceOf(HTMLElement);
  });

  it('closed: the minutes are shown as saved, with nothing to tap or save', async () => {
    answer('collective.list', [seminar]);
    render(<SessionsPage campaign={closed} />);
    fireEvent.click(await screen.findByTestId('session-minutes'));
    expect((await screen.findByTestId('minutes-saved')).textContent).toContain('张三（E001）：动火前先做气体分析');
    expect(screen.queryByTestId('speaker-E001')).toBeNull();
    expect(screen.queryByTestId('minutes-save')).toBeNull();
  });
});
