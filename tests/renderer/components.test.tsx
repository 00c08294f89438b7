import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../renderer/i18n/index';
import { QuestionView } from '../../renderer/features/quiz/QuestionView';
import { AttentionCheck } from '../../renderer/features/study/AttentionCheck';
import { ApiFailure } from '../../renderer/lib/api';
import { ErrorNote } from '../../renderer/features/shell/ErrorNote';
import { StudyCounter } from '../../renderer/features/study/StudyCounter';
import { markdownOutline } from '../../renderer/features/study/outline';
import { Pager } from '../../renderer/components/Pager';
import type { CampaignSummary } from '../../electron/shared/api';

afterEach(cleanup);

const campaign = { id: 'c', targetCreditHours: 8 } as CampaignSummary;
const totals = { todayMs: 90 * 60_000, campaignMs: 135 * 60_000, selfMs: 135 * 60_000, collectiveMs: 0, targetCreditHours: 8, minutesPerCreditHour: 45, perDocMs: {} };

describe('StudyCounter', () => {
  it('shows counting time and 学时 against the target', () => {
    render(<StudyCounter campaign={campaign} session={{ kind: 'active', status: { counting: true }, totals, sessionMs: 65_000, check: null, answer: async () => undefined }} />);
    const el = screen.getByTestId('study-status');
    expect(el.textContent).toContain('正在计时');
    expect(el.textContent).toContain('本次 01:05');
    expect(el.textContent).toContain('累计 3 / 8 学时（今日 2）');
  });
  it('visibly pauses and says why, in the chosen language', async () => {
    render(<StudyCounter campaign={campaign} session={{ kind: 'active', status: { counting: false, reason: 'idle' }, totals, sessionMs: 0, check: null, answer: async () => undefined }} />);
    expect(screen.getByTestId('study-status').className).toContain('paused');
    expect(screen.getByTestId('study-status').textContent).toContain('已暂停：长时间无操作');
    await act(() => i18n.changeLanguage('en-US'));
    expect(screen.getByTestId('study-status').textContent).toContain('Paused: no activity');
    await act(() => i18n.changeLanguage('zh-CN'));
  });
  it('when the server could not keep a heartbeat (its disk is full), pauses visibly and says so, in the chosen language', async () => {
    render(<StudyCounter campaign={campaign} session={{ kind: 'active', status: { counting: true }, totals, sessionMs: 65_000, check: null, answer: async () => undefined, trouble: 'disk_full' }} />);
    const el = screen.getByTestId('study-status');
    expect(el.className).toContain('paused');
    expect(el.textContent).toBe('已暂停：服务器磁盘已满，学习时间暂时无法保存，请告知管理员');
    await act(() => i18n.changeLanguage('en-US'));
    expect(screen.getByTestId('study-status').textContent).toContain("the server's disk is full");
    await act(() => i18n.changeLanguage('zh-CN'));
  });
});

describe('AttentionCheck', () => {
  it('shows the characters, sends what was typed, and shows a wrong-answer message', async () => {
    const onAnswer = vi.fn(async (t: string) => {
      if (t !== '安全') throw new ApiFailure('bad_input', '输入的字不对');
    });
    render(<AttentionCheck check={{ id: 'c', code: '安全', answerWithinMs: 60_000, missed: false }} onAnswer={onAnswer} />);
    expect(screen.getByTestId('check-code').textContent).toBe('安全');
    expect(screen.getByRole('dialog').textContent).toContain('请在 60 秒内输入');
    fireEvent.change(screen.getByLabelText('输入上面的两个字'), { target: { value: '安金' } });
    await act(async () => fireEvent.submit(screen.getByTestId('attention-check')));
    expect(screen.getByRole('dialog').textContent).toContain('输入的字不对');
    fireEvent.change(screen.getByLabelText('输入上面的两个字'), { target: { value: '安全' } });
    await act(async () => fireEvent.submit(screen.getByTestId('attention-check')));
    expect(onAnswer).toHaveBeenLastCalledWith('安全');
  });
  it('says when the check was missed', () => {
    render(<AttentionCheck check={{ id: 'c', code: '巡检', answerWithinMs: 0, missed: true }} onAnswer={async () => undefined} />);
    expect(screen.getByRole('dialog').textContent).toContain('验证已超时');
  });
});

describe('QuestionView', () => {
  it('multiple choice toggles letters in order', () => {
    const onChange = vi.fn();
    const q = { id: 'q', type: 'multiple' as const, stem: '哪些正确？', options: ['甲', '乙', '丙'], score: 10 };
    const { rerender } = render(<QuestionView index={0} question={q} value={['C']} onChange={onChange} />);
    fireEvent.click(screen.getByLabelText(/A\. 甲/));
    expect(onChange).toHaveBeenLastCalledWith(['A', 'C']);
    rerender(<QuestionView index={0} question={q} value={['A', 'C']} onChange={onChange} />);
    fireEvent.click(screen.getByLabelText(/C\. 丙/));
    expect(onChange).toHaveBeenLastCalledWith(['A']);
  });
  it('true/false offers 正确 and 错误', () => {
    const onChange = vi.fn();
    render(<QuestionView index={2} question={{ id: 't', type: 'truefalse', stem: '判断', options: [], score: 5 }} value={[]} onChange={onChange} />);
    fireEvent.click(screen.getByLabelText('错误'));
    expect(onChange).toHaveBeenCalledWith(['F']);
  });
});

describe('markdown outline', () => {
  it('lists headings and ignores fenced code', () => {
    expect(markdownOutline('# 总则\n\n```\n# not a heading\n```\n## 第一条 #\ntext')).toEqual([
      { id: 'h-0', level: 1, text: '总则' },
      { id: 'h-1', level: 2, text: '第一条' },
    ]);
  });
});

describe('ErrorNote', () => {
  it('says when to try again after too many failed logins, in the chosen language, for an account and for a PC', async () => {
    const { rerender } = render(<ErrorNote error={new ApiFailure('rate_limited', '（后端原文）', 'employeeNo', 240)} />);
    expect(screen.getByRole('alert').textContent).toBe('出错了：密码错误次数过多，这个账号已暂时锁定。请 4 分钟后再试。');
    rerender(<ErrorNote error={new ApiFailure('rate_limited', '（后端原文）', 'address', 30)} />);
    expect(screen.getByRole('alert').textContent).toBe('出错了：从这台电脑登录失败的次数过多，已暂时禁止登录。请 30 秒后再试。');
    await act(() => i18n.changeLanguage('en-US'));
    expect(screen.getByRole('alert').textContent).toBe('Error: Too many failed sign-ins from this PC: signing in from here is blocked for now. Please try again in 30 s.');
    rerender(<ErrorNote error={new ApiFailure('rate_limited', '（后端原文）', 'employeeNo', 3600)} />);
    expect(screen.getByRole('alert').textContent).toContain('this account is locked for now. Please try again in 60 min.');
    await act(() => i18n.changeLanguage('zh-CN'));
  });
});

describe('Pager', () => {
  it('says which people of how many are shown, and offers only the pages there are', () => {
    const onPage = vi.fn();
    render(<Pager page={1} pageSize={50} total={120} onPage={onPage} />);
    expect(screen.getByTestId('pager-state').textContent).toBe('第 51–100 人，共 120 人（第 2 / 3 页）');
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    fireEvent.click(screen.getByRole('button', { name: '上一页' }));
    expect(onPage.mock.calls).toEqual([[2], [0]]);
    cleanup();
    render(<Pager page={0} pageSize={50} total={0} onPage={onPage} />);
    expect(screen.getByTestId('pager-state').textContent).toBe('没有符合条件的人');
    expect([screen.getByRole('button', { name: '上一页' }), screen.getByRole('button', { name: '下一页' })].map((b) => (b as HTMLButtonElement).disabled)).toEqual([true, true]);
  });
});
