// A clearly fake demo enterprise: ~30 people in 3 workshops, one campaign, printed passwords.
import type { Person, PersonCategory } from '../core/model';
import { generatePassword, hashPassword, setupInit } from './services/auth';
import { campaignTemplate, saveCampaign } from './services/campaign';
import { commitRosterBytes } from './services/roster';
import { iso, type Ports } from './services/ports';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['建国', '海燕', '志强', '秀英', '国平', '丽华', '文斌', '春梅', '晓东', '红霞', '德明'];
const WORKSHOPS = [
  { dept: '甲醇车间', teams: ['合成一班', '合成二班'] },
  { dept: '合成氨车间', teams: ['造气班', '压缩班'] },
  { dept: '储运车间', teams: ['罐区班', '装卸班'] },
];

export function demoPeople(): Person[] {
  const people: Person[] = [
    { employeeNo: 'D001', name: '演示·总经理', dept: '公司领导', team: '', post: '总经理', category: '主要负责人', leader: true },
    { employeeNo: 'D002', name: '演示·安全总监', dept: '安全环保部', team: '', post: '安全总监', category: '安全管理人员', leader: true },
    { employeeNo: 'D003', name: '演示·安全员', dept: '安全环保部', team: '', post: '专职安全员', category: '安全管理人员', leader: false },
  ];
  let n = 10;
  WORKSHOPS.forEach((w, wi) => {
    for (let i = 0; i < 9; i++) {
      const team = w.teams[i % 2]!;
      const category: PersonCategory = i === 0 ? '安全管理人员' : i % 3 === 1 ? '特种作业人员' : '其他从业人员';
      const name = `${SURNAMES[(wi * 3 + i) % SURNAMES.length]}${GIVEN[(wi * 5 + i) % GIVEN.length]}（虚构）`;
      people.push({
        employeeNo: `D${String(n++).padStart(3, '0')}`,
        name,
        dept: w.dept,
        team: i === 0 ? '' : team,
        post: i === 0 ? '车间主任' : category === '特种作业人员' ? '危险化工工艺作业' : '操作工',
        category,
        leader: false,
      });
    }
  });
  return people;
}

function toCsv(people: Person[]): string {
  const rows = [['工号', '姓名', '部门/车间', '班组', '岗位', '人员类别', '班子成员']];
  for (const p of people) rows.push([p.employeeNo, p.name, p.dept, p.team, p.post, p.category, p.leader ? '是' : '否']);
  return rows.map((r) => r.join(',')).join('\n');
}

export async function createDemo(ports: Ports) {
  const adminPassword = generatePassword();
  await setupInit(ports, { enterprise: '【演示】安学示范化工有限公司（虚构）', adminNo: 'admin', adminName: '演示管理员', password: adminPassword });
  const people = demoPeople();
  const r = await commitRosterBytes(ports, 'demo-roster.csv', new TextEncoder().encode(toCsv(people)));
  // The safety officer and an archivist get their roles on top of being employees.
  const officerPw = generatePassword();
  const archivistPw = generatePassword();
  const officerHash = await hashPassword(officerPw);
  const archivistHash = await hashPassword(archivistPw);
  await ports.store.accounts.update((f) => {
    const officer = f.accounts.find((a) => a.employeeNo === 'D003')!;
    officer.roles = ['employee', 'officer'];
    officer.passwordHash = officerHash;
    f.accounts.push({ employeeNo: 'archive', name: '演示档案员', roles: ['archivist'], passwordHash: archivistHash, createdAt: iso(ports.clock.now()) });
  });
  const officer = (await ports.store.accounts.read()).accounts.find((a) => a.employeeNo === 'D003')!;
  const campaign = await saveCampaign(ports, officer, await campaignTemplate(ports));
  const accounts = [
    { employeeNo: 'admin', password: adminPassword, role: '管理员', name: '演示管理员' },
    { employeeNo: 'D003', password: officerPw, role: '安全管理人员+员工', name: '演示·安全员' },
    { employeeNo: 'archive', password: archivistPw, role: '档案管理员', name: '演示档案员' },
    ...r.initialPasswords.filter((p) => p.employeeNo !== 'D003').map((p) => ({ ...p, role: '员工' })),
  ];
  return { enterprise: '【演示】安学示范化工有限公司（虚构）', campaignName: campaign.name, accounts };
}
