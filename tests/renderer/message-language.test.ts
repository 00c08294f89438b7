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
  it('an English side that quotes a Chinese name is still the English side', () => {
    const m = '张三 还没有提交剖析材料 / 张三 has not handed in a self-analysis yet';
    expect(inLanguage(m, 'en-US')).toBe('张三 has not handed in a self-analysis yet');
    expect(inLanguage(m, 'zh-CN')).toBe('张三 还没有提交剖析材料');
    expect(inLanguage('「安全法.pdf」不是照片 / “安全法.pdf” is not a photo: only JPG or PNG images are taken', 'en')).toBe('“安全法.pdf” is not a photo: only JPG or PNG images are taken');
    // a list ending in a Chinese name with a Latin code is still a list
    expect(inLanguage('可选：主要负责人 / 其他从业人员 E001', 'en-US')).toBe('可选：主要负责人 / 其他从业人员 E001');
  });
  it('leaves a message with no English side whole', () => {
    expect(inLanguage('工号或密码错误', 'en-US')).toBe('工号或密码错误');
    expect(inLanguage('a / b', 'zh-CN')).toBe('a / b');
  });
});
