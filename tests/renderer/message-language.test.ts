// The backend's bilingual messages ("中文 / English") shown in the user's language; lists with " / "
// and messages in one language left whole.
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../renderer/lib/message-language';

describe('a message in the user’s language', () => {
  const both = '不能停用最后一位系统管理员 / the last admin cannot be disabled';
  it('takes the Chinese side for zh and the English side for en', () => {
    expect(inLanguage(both, 'zh-CN')).toBe('不能停用最后一位系统管理员');
    expect(inLanguage(both, 'en-US')).toBe('the last admin cannot be disabled');
  });
  it('splits at the last " / ": a Chinese side with slashes of its own stays whole', () => {
    expect(inLanguage('请求过大：roster.preview 最多接受 32 MB / request too large: roster.preview takes at most 32 MB', 'en')).toBe('request too large: roster.preview takes at most 32 MB');
  });
  it('leaves a list of Chinese choices whole in both languages', () => {
    const list = '「安全生产管理人员」不是有效的人员类别（主要负责人 / 安全管理人员 / 特种作业人员 / 其他从业人员）';
    expect(inLanguage(list, 'en-US')).toBe(list);
    expect(inLanguage(list, 'zh-CN')).toBe(list);
  });
  it('leaves a message with no English side whole', () => {
    expect(inLanguage('工号或密码错误', 'en-US')).toBe('工号或密码错误');
    expect(inLanguage('a / b', 'zh-CN')).toBe('a / b');
  });
});
