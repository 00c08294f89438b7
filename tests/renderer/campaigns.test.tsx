// Several campaigns side by side, as the screens show them: which one a person's pages work on (kept
// per 工号 on this PC), the picker's groups, an employee's cards, and the participants editor's paste box.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CampaignListItem } from '../../electron/shared/api';
import { employeeNosIn } from '../../renderer/features/campaign/ParticipantsEditor';
import { CampaignPicker } from '../../renderer/features/shell/CampaignPicker';
import { keyOf, pickCampaign, useChosenCampaign } from '../../renderer/features/shell/chosen-campaign';
import { daysBetween, deadlineOf } from '../../renderer/features/study/CampaignCards';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const item = (id: string, state: CampaignListItem['state'], o: Partial<CampaignListItem> = {}): CampaignListItem =>
  ({
    id,
    name: `计划${id}`,
    kind: 'warning',
    state,
    closedAt: state === 'closed' ? '2025-12-31T08:00:00.000Z' : null,
    start: '2026-12-01',
    end: '2026-12-31',
    studyStart: '2026-12-01',
    studyEnd: '2026-12-20',
    participantsKind: 'all',
    participantCount: 3,
    ...o,
  }) as CampaignListItem;
const LIST = [item('a', 'current'), item('b', 'current', { kind: 'induction', participantsKind: 'some', participantCount: 2 }), item('c', 'upcoming'), item('d', 'closed')];

describe('the chosen campaign', () => {
  it('is the kept one while it is listed, else the first of the list (the first current one)', () => {
    expect(pickCampaign(LIST, 'c')?.id).toBe('c');
    expect(pickCampaign(LIST, 'gone')?.id).toBe('a');
    expect(pickCampaign(LIST, null)?.id).toBe('a');
    expect(pickCampaign([], 'a')).toBeNull();
    expect(pickCampaign(null, 'a')).toBeNull();
  });
  it('is kept per 工号: another person on the same PC starts from their own', () => {
    const one = renderHook(() => useChosenCampaign('E001', LIST));
    act(() => one.result.current.choose('b'));
    expect(one.result.current.campaign?.id).toBe('b');
    expect(localStorage.getItem(keyOf('E001'))).toBe('b');
    expect(renderHook(() => useChosenCampaign('E001', LIST)).result.current.campaign?.id).toBe('b');
    expect(renderHook(() => useChosenCampaign('E002', LIST)).result.current.campaign?.id).toBe('a');
  });
});

describe('CampaignPicker', () => {
  it('lists the campaigns grouped by where they stand, with kind and who takes part, and picks one', () => {
    const onChoose = vi.fn();
    render(<CampaignPicker list={LIST} chosen={LIST[0]!} onChoose={onChoose} />);
    expect(screen.getByTestId('campaign-picker').textContent).toContain('计划a');
    fireEvent.click(screen.getByTestId('campaign-picker'));
    const groups = screen.getAllByRole('group').map((g) => g.querySelector('h3')!.textContent);
    expect(groups).toEqual(['进行中（2）', '即将开始（1）', '已归档，只读（1）']);
    expect(within(screen.getByTestId('campaign-option-b')).getByText(/新员工三级安全教育 · .* · 2 人参加/)).toBeInstanceOf(HTMLElement);
    expect(screen.getByTestId('campaign-option-a').textContent).toContain('全体人员');
    fireEvent.click(screen.getByTestId('campaign-option-d'));
    expect(onChoose).toHaveBeenCalledWith('d');
    expect(screen.queryByTestId('campaign-menu')).toBeNull();
  });
});

describe('an employee’s campaign cards', () => {
  it('name the deadline that matters today: the study window while it runs, then the campaign’s end', () => {
    const c = { studyEnd: '2026-12-20', end: '2026-12-31' };
    expect(deadlineOf(c, '2026-12-20')).toEqual({ kind: 'study', day: '2026-12-20' });
    expect(deadlineOf(c, '2026-12-21')).toEqual({ kind: 'campaign', day: '2026-12-31' });
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
  });
});

describe('the participants editor’s paste box', () => {
  it('takes 工号 one a line or separated by spaces, commas or 、, once each, leaving out what cannot be one', () => {
    expect(employeeNosIn('N001\nN002, N003、N001  张三 N-4')).toEqual(['N001', 'N002', 'N003', 'N-4']);
  });
});
