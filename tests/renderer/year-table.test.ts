// The year's table: what the filters keep and the order of the rows.
import { describe, expect, it } from 'vitest';
import type { YearPersonRow } from '../../electron/shared/api';
import { filterChoices, shownRows } from '../../renderer/features/year/year-table';

const person = (employeeNo: string, dept: string, team: string, category: string, shortCreditHours: number): YearPersonRow => ({
  employeeNo,
  name: employeeNo,
  dept,
  team,
  category,
  ms: 0,
  creditHours: 0,
  requiredCreditHours: 20,
  requirement: 'annual',
  shortCreditHours,
  met: shortCreditHours === 0,
  campaignIds: [],
});
const rows = [
  person('E1', '甲醇车间', '一班', '其他从业人员', 0),
  person('E2', '甲醇车间', '二班', '特种作业人员', 4.5),
  person('E3', '储运车间', '罐区班', '其他从业人员', 12),
  person('M1', '公司领导', '', '主要负责人', 4.5),
];
const all = { dept: '', team: '', category: '', onlyShort: false };

describe("the year's table", () => {
  it('puts the most short first (equals by 工号), or orders by 工号', () => {
    expect(shownRows(rows, all, 'short').map((r) => r.employeeNo)).toEqual(['E3', 'E2', 'M1', 'E1']);
    expect(shownRows(rows, all, 'employeeNo').map((r) => r.employeeNo)).toEqual(['E1', 'E2', 'E3', 'M1']);
  });
  it('keeps only the short ones, and only those of a department, team or category', () => {
    expect(shownRows(rows, { ...all, onlyShort: true }, 'employeeNo').map((r) => r.employeeNo)).toEqual(['E2', 'E3', 'M1']);
    expect(shownRows(rows, { ...all, dept: '甲醇车间', onlyShort: true }, 'short').map((r) => r.employeeNo)).toEqual(['E2']);
    expect(shownRows(rows, { ...all, dept: '甲醇车间', team: '一班' }, 'short').map((r) => r.employeeNo)).toEqual(['E1']);
    expect(shownRows(rows, { ...all, category: '其他从业人员' }, 'short').map((r) => r.employeeNo)).toEqual(['E3', 'E1']);
  });
  it('offers the teams of the chosen department only, and no empty team', () => {
    expect(filterChoices(rows, '甲醇车间').teams).toEqual(['一班', '二班']);
    expect(filterChoices(rows, '').teams).toEqual(['一班', '二班', '罐区班']);
    expect(filterChoices(rows, '').categories).toEqual(['其他从业人员', '特种作业人员', '主要负责人']);
  });
});
