import { describe, expect, it } from 'vitest';
import { parseRosterTable } from '../../electron/core/roster';
import type { Message } from '../../electron/core/message';
import { sayIn } from '../../electron/main/messages';

/** a message in both languages, to check what each says */
const both = (m: Message) => `${sayIn('zh-CN', m)} / ${sayIn('en-US', m)}`;

const H = ['工号', '姓名', '部门/车间', '班组', '岗位', '人员类别', '班子成员'];

describe('roster rows', () => {
  it('reads people, skipping blank rows, with 班子成员 as a boolean', () => {
    const r = parseRosterTable([H, ['A1', '张三', '甲醇车间', '一班', '操作工', '其他从业人员', '否'], ['', '', '', '', '', '', ''], ['A2', '李四', '公司领导', '', '总经理', '主要负责人', '是']]);
    expect(r).toMatchObject({ ok: true, skippedBlankRows: 1 });
    if (r.ok)
      expect(r.people.map((p) => [p.employeeNo, p.leader])).toEqual([
        ['A1', false],
        ['A2', true],
      ]);
  });
  it('accepts header variants (部门, 岗位（工种）)', () => {
    const r = parseRosterTable([
      ['工号', '姓名', '部门', '人员类别'],
      ['A1', '张三', '安全部', '安全管理人员'],
    ]);
    expect(r.ok).toBe(true);
  });
  it('names the missing column', () => {
    const r = parseRosterTable([
      ['工号', '姓名', '班组', '人员类别'],
      ['A1', '张三', '一班', '其他从业人员'],
    ]);
    expect(r).toEqual({ ok: false, errors: [{ row: 1, field: '部门/车间', message: { key: 'roster.row.missingColumn', params: { column: '部门/车间' } } }] });
    if (!r.ok) expect(both(r.errors[0]!.message)).toBe('缺少必需的列「部门/车间」 / the required column “部门/车间” is missing');
  });
  it('names row and field of every bad row', () => {
    const r = parseRosterTable([
      H,
      ['A1', '张三', '甲醇车间', '', '', '操作工', '否'],
      ['A 2', '李四', '甲醇车间', '', '', '其他从业人员', '否'],
      ['A3', '王五', '甲醇车间', '', '', '其他从业人员', '也许'],
      ['A4', '', '甲醇车间', '', '', '其他从业人员', ''],
      ['A5', '赵六', '甲醇车间', '', '', '其他从业人员', ''],
      ['A5', '赵六', '甲醇车间', '', '', '其他从业人员', ''],
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => [e.row, e.field])).toEqual([
        [2, '人员类别'],
        [3, '工号'],
        [4, '班子成员'],
        [5, '姓名'],
        [7, '工号'],
      ]);
  });
});

describe('the 述职 line in the roster (岗位层级, 上级工号)', () => {
  const HL = [...H, '岗位层级', '上级工号'];
  const row = (no: string, name: string, level: string, superior: string) => [no, name, '甲醇车间', '', '', '其他从业人员', '否', level, superior];

  it('reads levels and superiors; both columns may be absent or blank', () => {
    const r = parseRosterTable([
      HL,
      row('G1', '总经理甲', '总经理', ''),
      row('D1', '副总乙', '分管副总', 'G1'),
      row('W1', '主任丙', '车间主任', 'D1'),
      row('T1', '班长丁', '班组长', 'W1'),
      row('E1', '操作工', '', ''),
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.people.map((p) => [p.employeeNo, p.level ?? null, p.superior ?? null])).toEqual([
      ['G1', 'head', null],
      ['D1', 'deputy', 'G1'],
      ['W1', 'workshop', 'D1'],
      ['T1', 'team', 'W1'],
      ['E1', null, null],
    ]);
    // 主要负责人 names the top as well
    const top = parseRosterTable([HL, row('G1', '总经理甲', '主要负责人', '')]);
    expect(top.ok && top.people[0]!.level).toBe('head');
  });

  it('names the row and field: an unknown level, a superior not in the file, oneself, the wrong level, a loop', () => {
    const r = parseRosterTable([
      HL,
      row('G1', '总经理甲', '董事长', ''),
      row('W1', '主任丙', '车间主任', 'NOBODY'),
      row('T1', '班长丁', '班组长', 'T1'),
      row('T2', '班长戊', '班组长', 'G2'),
      row('G2', '总经理乙', '总经理', ''),
      row('A1', '甲', '', 'A2'),
      row('A2', '乙', '', 'A1'),
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [2, '岗位层级'],
      [3, '上级工号'],
      [4, '上级工号'],
      [5, '上级工号'],
      [7, '上级工号'],
      [8, '上级工号'],
    ]);
    expect(both(r.errors[0]!.message)).toContain('「董事长」不是有效的岗位层级');
    expect(both(r.errors[1]!.message)).toContain('上级工号 NOBODY 不在这份花名册中');
    expect(both(r.errors[2]!.message)).toBe('上级不能是本人 / a person cannot be their own superior');
    expect(both(r.errors[3]!.message)).toBe('班组长应向车间主任述职，总经理乙（G2）是总经理 / a 班组长 reports to a 车间主任; 总经理乙 (G2) is a 总经理');
    expect(both(r.errors[4]!.message)).toBe('述职关系形成了循环 / the reporting lines go round in a circle');
  });
});

describe('入职日期 in the roster', () => {
  const HH = [...H, '入职日期'];
  const row = (no: string, hired: string) => [no, '张三', '甲醇车间', '', '', '其他从业人员', '否', hired];

  it('reads the ways a day is written, and Excel day numbers; an empty cell gives none', () => {
    const written = ['2024-09-01', '2024/9/1', '2024.9.1', '2024年9月1日', '20240901', '２０２４／９／１', '2024-09-01 00:00:00', '45536', ''];
    const r = parseRosterTable([HH, ...written.map((w, i) => row(`A${i}`, w))]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.people.map((p) => p.hiredOn ?? null)).toEqual([...Array(8).fill('2024-09-01'), null]);
  });

  it('a day the calendar has not, or text that is no day, is named by row and column', () => {
    const r = parseRosterTable([HH, row('A1', '2024-02-30'), row('A2', '去年'), row('A3', '2024-13-01'), row('A4', '1850-01-01'), row('A5', '2023-02-28')]);
    if (r.ok) throw new Error('bad dates were read');
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [2, '入职日期'],
      [3, '入职日期'],
      [4, '入职日期'],
      [5, '入职日期'],
    ]);
    expect(both(r.errors[1]!.message)).toBe(
      '「去年」不是有效的日期：请写成 2024-09-01 或 2024/9/1，或设为 Excel 的日期格式；不知道可留空 / “去年” is not a valid date: write it as 2024-09-01 or 2024/9/1, or give the cell Excel’s date format; leave it empty if not known',
    );
  });
});
