// The demo enterprise's people (a clearly fake roster: 3 at the top, 9 in each of 3 workshops) and
// the collective sessions they went to: who they are and how far each has got drive the rest of the
// demo (demo/index.ts).
import type { Input } from '../../shared/api';
import type { Person, PersonCategory } from '../../core/model';

export const ENTERPRISE = '【演示】安学示范化工有限公司（虚构）';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['建国', '海燕', '志强', '秀英', '国平', '丽华', '文斌', '春梅', '晓东', '红霞', '德明'];
const WORKSHOPS = [
  { dept: '甲醇车间', teams: ['合成一班', '合成二班'] },
  { dept: '合成氨车间', teams: ['造气班', '压缩班'] },
  { dept: '储运车间', teams: ['罐区班', '装卸班'] },
];

/** How far each workshop person has got, by their place in the roster (9 per workshop). */
type Stage = 'done' | 'studying' | 'behind' | 'none';
const STAGES: Stage[] = [
  ...(['done', 'done', 'studying', 'behind', 'done', 'studying', 'none', 'studying', 'behind'] as const),
  ...(['studying', 'done', 'done', 'studying', 'behind', 'none', 'done', 'studying', 'none'] as const),
  ...(['behind', 'studying', 'done', 'none', 'studying', 'behind', 'done', 'none', 'studying'] as const),
];
/** the three at the top: the head and the safety director have done their part; the officer is studying */
const TOP_STAGES: Record<string, Stage> = { D001: 'studying', D002: 'done', D003: 'studying' };

export type DemoPerson = Person & { stage: Stage };

export function demoPeople(): DemoPerson[] {
  const people: DemoPerson[] = [
    { employeeNo: 'D001', name: '演示·总经理', dept: '公司领导', team: '', post: '总经理', category: '主要负责人', leader: true, level: 'head', stage: TOP_STAGES.D001! },
    { employeeNo: 'D002', name: '演示·安全总监', dept: '安全环保部', team: '', post: '安全总监', category: '安全管理人员', leader: true, level: 'deputy', superior: 'D001', stage: TOP_STAGES.D002! },
    { employeeNo: 'D003', name: '演示·安全员', dept: '安全环保部', team: '', post: '专职安全员', category: '安全管理人员', leader: false, stage: TOP_STAGES.D003! },
  ];
  let n = 10;
  WORKSHOPS.forEach((w, wi) => {
    const head = `D${String(n).padStart(3, '0')}`;
    for (let i = 0; i < 9; i++) {
      const team = w.teams[i % 2]!;
      const category: PersonCategory = i === 0 ? '安全管理人员' : i % 3 === 1 ? '特种作业人员' : '其他从业人员';
      const name = `${SURNAMES[(wi * 3 + i) % SURNAMES.length]}${GIVEN[(wi * 5 + i) % GIVEN.length]}（虚构）`;
      // the workshop head reports to the safety director, the two 班长 to their head
      const level = i === 0 ? ('workshop' as const) : i <= 2 ? ('team' as const) : undefined;
      people.push({
        employeeNo: `D${String(n++).padStart(3, '0')}`,
        name,
        dept: w.dept,
        team: i === 0 ? '' : team,
        post: i === 0 ? '车间主任' : i <= 2 ? '班长' : category === '特种作业人员' ? '危险化工工艺作业' : '操作工',
        category,
        leader: false,
        ...(level ? { level, superior: i === 0 ? 'D002' : head } : {}),
        stage: STAGES[wi * 9 + i]!,
      });
    }
  });
  return people;
}

const LEVEL_WORDS = { head: '主要负责人', deputy: '分管副总', workshop: '车间主任', team: '班组长' } as const;

export function toCsv(people: readonly Person[]): string {
  const rows = [['工号', '姓名', '部门/车间', '班组', '岗位', '人员类别', '班子成员', '岗位层级', '上级工号']];
  for (const p of people) rows.push([p.employeeNo, p.name, p.dept, p.team, p.post, p.category, p.leader ? '是' : '否', p.level ? LEVEL_WORDS[p.level] : '', p.superior ?? '']);
  return rows.map((r) => r.join(',')).join('\n');
}

/** The collective sessions of the warning month, on the days (before today) they were held, and who came. */
export const COLLECTIVE_DAYS: { day: number; session: Omit<Input<'collective.save'>, 'campaignId' | 'date'>; who: (p: DemoPerson) => boolean }[] = [
  {
    day: -11,
    session: { type: 'mobilization', topic: '警示月动员部署会', start: '08:30', durationMinutes: 60, place: '办公楼三楼会议室', host: '演示·总经理' },
    who: (p) => !!p.leader || p.category === '安全管理人员',
  },
  {
    day: -5,
    session: { type: 'film', topic: '集中观看危险化学品事故警示教育片', start: '14:00', durationMinutes: 90, place: '职工培训中心', host: '演示·安全总监' },
    who: (p) => p.stage !== 'behind' || p.dept === '甲醇车间',
  },
  {
    day: -2,
    session: { type: 'lecture', topic: '“9·7”事故案例宣讲', caseId: 'hangjinqi-2023-0907', start: '09:00', durationMinutes: 90, place: '职工培训中心', host: '演示·安全员' },
    who: (p) => p.stage === 'done' || (p.stage === 'studying' && p.dept === '甲醇车间'),
  },
  {
    day: -1,
    session: { type: 'group', topic: '分组研讨：响水“3·21”事故对我们的警示', caseId: 'xiangshui-2019-0321', start: '15:00', durationMinutes: 60, place: '甲醇车间会议室', host: '演示·车间主任' },
    who: (p) => p.stage === 'done' && p.dept === '甲醇车间',
  },
];
