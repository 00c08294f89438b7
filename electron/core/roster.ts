// Roster (花名册) rows → people. Pure: takes a table of strings, returns people or row errors.
import { dayOfText } from './date-text';
import { ruleOf, said, type Message } from './message';
import { PERSON_CATEGORIES, personSchema, REPORT_LEVEL_NAMES, REPORT_LEVELS, type Person, type PersonCategory, type ReportLevel } from './model';

export type RosterField = 'employeeNo' | 'name' | 'dept' | 'team' | 'post' | 'category' | 'leader' | 'level' | 'superior' | 'hiredOn';

/** Header texts accepted for each field (after removing spaces and brackets' content variants). */
const HEADER_ALIASES: Record<RosterField, readonly string[]> = {
  employeeNo: ['工号', '员工编号', '职工号'],
  name: ['姓名'],
  dept: ['部门/车间', '部门(车间)', '部门（车间）', '部门', '车间'],
  team: ['班组'],
  post: ['岗位', '岗位(工种)', '岗位（工种）', '工种'],
  category: ['人员类别', '类别'],
  leader: ['班子成员', '是否班子成员'],
  level: ['岗位层级', '述职层级', '层级'],
  superior: ['上级工号', '上级', '述职对象工号'],
  hiredOn: ['入职日期', '入职时间', '入厂日期', '入厂时间', '入司日期', '入司时间', '入职年月日'],
};
export const REQUIRED_FIELDS: readonly RosterField[] = ['employeeNo', 'name', 'dept', 'category'];
export const FIELD_LABEL: Record<RosterField, string> = {
  employeeNo: '工号',
  name: '姓名',
  dept: '部门/车间',
  team: '班组',
  post: '岗位',
  category: '人员类别',
  leader: '班子成员',
  level: '岗位层级',
  superior: '上级工号',
  hiredOn: '入职日期',
};

/** 岗位层级 as written in a roster: the four names of the notice, and 主要负责人 for the top */
function levelOf(text: string): ReportLevel | null | undefined {
  if (text === '') return undefined;
  if (text === '主要负责人') return 'head';
  const found = REPORT_LEVELS.find((l) => REPORT_LEVEL_NAMES[l] === text);
  return found ?? null;
}

export interface RowError {
  /** 1-based row number as the spreadsheet shows it (the header is row 1) */
  row: number;
  field: string;
  message: Message;
}

export type RosterParse = { ok: true; people: Person[]; skippedBlankRows: number } | { ok: false; errors: RowError[] };

function normHeader(h: string): string {
  return h.replace(/\s+/g, '').replace(/\*/g, '');
}

export function parseRosterTable(rows: readonly (readonly string[])[]): RosterParse {
  const header = rows[0];
  if (!header) return { ok: false, errors: [{ row: 1, field: '表头', message: said('roster.row.noHeader') }] };
  const col: Partial<Record<RosterField, number>> = {};
  header.forEach((h, i) => {
    const n = normHeader(h);
    for (const f of Object.keys(HEADER_ALIASES) as RosterField[]) {
      if (col[f] === undefined && HEADER_ALIASES[f].includes(n)) col[f] = i;
    }
  });
  const missing = REQUIRED_FIELDS.filter((f) => col[f] === undefined);
  if (missing.length > 0) {
    return {
      ok: false,
      errors: missing.map((f) => ({ row: 1, field: FIELD_LABEL[f], message: said('roster.row.missingColumn', { column: FIELD_LABEL[f] }) })),
    };
  }
  const errors: RowError[] = [];
  const people: Person[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const rowNo = r + 1;
    if (row.every((c) => c.trim() === '')) {
      skipped += 1;
      continue;
    }
    const cell = (f: RosterField) => (col[f] === undefined ? '' : (row[col[f]!] ?? '').trim());
    const leaderText = cell('leader');
    let leader = false;
    if (leaderText === '是' || leaderText.toUpperCase() === 'Y') leader = true;
    else if (leaderText !== '' && leaderText !== '否' && leaderText.toUpperCase() !== 'N') {
      errors.push({ row: rowNo, field: FIELD_LABEL.leader, message: said('roster.row.leaderYesNo', { value: leaderText }) });
      continue;
    }
    const category = cell('category');
    if (!(PERSON_CATEGORIES as readonly string[]).includes(category)) {
      errors.push({
        row: rowNo,
        field: FIELD_LABEL.category,
        message: category === '' ? said('roster.row.noCategory') : said('roster.row.unknownCategory', { value: category, choices: PERSON_CATEGORIES.join(' / ') }),
      });
      continue;
    }
    const level = levelOf(cell('level'));
    if (level === null) {
      errors.push({ row: rowNo, field: FIELD_LABEL.level, message: said('roster.row.unknownLevel', { value: cell('level'), choices: REPORT_LEVELS.map((l) => REPORT_LEVEL_NAMES[l]).join('、') }) });
      continue;
    }
    // an empty cell or no such column: no date from the file (the import keeps the one stored, services/roster)
    const hiredText = cell('hiredOn');
    const hiredOn = hiredText === '' ? undefined : dayOfText(hiredText);
    if (hiredOn === null) {
      // named as the file's header names it (入职日期, 入厂日期, …)
      errors.push({ row: rowNo, field: normHeader(header[col.hiredOn!]!), message: said('roster.row.badHireDate', { value: hiredText }) });
      continue;
    }
    const superior = cell('superior');
    const candidate = {
      employeeNo: cell('employeeNo'),
      name: cell('name'),
      dept: cell('dept'),
      team: cell('team'),
      post: cell('post'),
      category: category as PersonCategory,
      leader,
      ...(level ? { level } : {}),
      ...(superior ? { superior } : {}),
      ...(hiredOn ? { hiredOn } : {}),
    };
    const parsed = personSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = FIELD_LABEL[issue.path[0] as RosterField] ?? String(issue.path[0]);
      const value = String((candidate as Record<string, unknown>)[issue.path[0] as string] ?? '');
      errors.push({ row: rowNo, field, message: value === '' ? said('roster.row.empty', { field }) : said('roster.row.invalid', { value, rule: ruleOf(issue) }) });
      continue;
    }
    const prev = seen.get(parsed.data.employeeNo);
    if (prev !== undefined) {
      errors.push({ row: rowNo, field: FIELD_LABEL.employeeNo, message: said('roster.row.repeatedEmployeeNo', { employeeNo: parsed.data.employeeNo, prev }) });
      continue;
    }
    seen.set(parsed.data.employeeNo, rowNo);
    people.push(parsed.data);
  }
  errors.push(...lineErrors(people, seen));
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  if (people.length === 0) return { ok: false, errors: [{ row: 2, field: '数据', message: said('roster.row.noPeople') }] };
  return { ok: true, people, skippedBlankRows: skipped };
}

/**
 * The 述职 line of a roster: a superior is someone in the same roster, never oneself, one level up
 * (a 班组长 to a 车间主任, …), and the line has no loop.
 */
function lineErrors(people: readonly Person[], rowOf: ReadonlyMap<string, number>): RowError[] {
  const byNo = new Map(people.map((p) => [p.employeeNo, p]));
  const errors: RowError[] = [];
  for (const p of people) {
    const row = rowOf.get(p.employeeNo)!;
    if (!p.superior) continue;
    const up = byNo.get(p.superior);
    if (p.superior === p.employeeNo) errors.push({ row, field: FIELD_LABEL.superior, message: said('roster.row.ownSuperior') });
    else if (!up) errors.push({ row, field: FIELD_LABEL.superior, message: said('roster.row.superiorNotInRoster', { superior: p.superior }) });
    else if (p.level && up.level && REPORT_LEVELS.indexOf(up.level) !== REPORT_LEVELS.indexOf(p.level) + 1) {
      const to = p.level === 'head' ? '应急管理局' : REPORT_LEVEL_NAMES[REPORT_LEVELS[REPORT_LEVELS.indexOf(p.level) + 1]!];
      errors.push({
        row,
        field: FIELD_LABEL.superior,
        message: said('roster.row.wrongSuperiorLevel', { level: REPORT_LEVEL_NAMES[p.level], to, name: up.name, employeeNo: up.employeeNo, theirs: REPORT_LEVEL_NAMES[up.level] }),
      });
    }
  }
  // a loop (A → B → A) would leave nobody at the top
  for (const p of people) {
    if (p.superior === p.employeeNo) continue; // said above
    const seen = new Set<string>();
    let at: Person | undefined = p;
    while (at?.superior && !seen.has(at.employeeNo)) {
      seen.add(at.employeeNo);
      at = byNo.get(at.superior);
    }
    if (at && seen.has(at.employeeNo) && at.employeeNo === p.employeeNo) errors.push({ row: rowOf.get(p.employeeNo)!, field: FIELD_LABEL.superior, message: said('roster.row.circle') });
  }
  return errors;
}
