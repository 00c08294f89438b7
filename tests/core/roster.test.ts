import { describe, expect, it } from 'vitest';
import { parseRosterTable } from '../../electron/core/roster';

const H = ['工号', '姓名', '部门/车间', '班组', '岗位', '人员类别', '班子成员'];

describe('roster rows', () => {
  it('reads people, skipping blank rows, with 班子成员 as a boolean', () => {
    const r = parseRosterTable([H, ['A1', '张三', '甲醇车间', '一班', '操作工', '其他从业人员', '否'], ['', '', '', '', '', '', ''], ['A2', '李四', '公司领导', '', '总经理', '主要负责人', '是']]);
    expect(r).toMatchObject({ ok: true, skippedBlankRows: 1 });
    if (r.ok) expect(r.people.map((p) => [p.employeeNo, p.leader])).toEqual([['A1', false], ['A2', true]]);
  });
  it('accepts header variants (部门, 岗位（工种）)', () => {
    const r = parseRosterTable([['工号', '姓名', '部门', '人员类别'], ['A1', '张三', '安全部', '安全管理人员']]);
    expect(r.ok).toBe(true);
  });
  it('names the missing column', () => {
    const r = parseRosterTable([['工号', '姓名', '班组', '人员类别'], ['A1', '张三', '一班', '其他从业人员']]);
    expect(r).toEqual({ ok: false, errors: [{ row: 1, field: '部门/车间', message: '缺少必需的列「部门/车间」' }] });
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
    if (!r.ok) expect(r.errors.map((e) => [e.row, e.field])).toEqual([[2, '人员类别'], [3, '工号'], [4, '班子成员'], [5, '姓名'], [7, '工号']]);
  });
});
