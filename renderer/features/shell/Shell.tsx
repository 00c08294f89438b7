import { useTranslation } from 'react-i18next';
import type { Me } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ArchivePage } from '../archive/ArchivePage';
import { BankPage } from '../bank/BankPage';
import { ResultsPage } from '../quiz/ResultsPage';
import { DocumentsPage } from '../corpus/DocumentsPage';
import { SearchBox } from '../search/SearchBox';
import { SearchPage } from '../search/SearchPage';
import { PasswordPage } from '../auth/PasswordPage';
import { SettingsPage } from '../admin/SettingsPage';
import { EssayPage } from '../essay/EssayPage';
import { CampaignPage } from '../campaign/CampaignPage';
import { GradingPage } from '../grading/GradingPage';
import { EssaysPage } from '../essay/EssaysPage';
import { ProgressPage } from '../progress/ProgressPage';
import { RosterPage } from '../roster/RosterPage';
import { SessionsPage } from '../sessions/SessionsPage';
import { MergePage } from '../merge/MergePage';
import { PlanPage } from '../plan/PlanPage';
import { QuizPage } from '../quiz/QuizPage';
import { PracticePage } from '../quiz/PracticePage';
import { SummaryPage } from '../summary/SummaryPage';
import { ReportPage } from '../report/ReportPage';
import { InspectionsPage } from '../inspection/InspectionsPage';
import { MyFindings } from '../inspection/FindingCard';
import { ReportsPage } from '../report/ReportsPage';
import { HomePage } from '../study/HomePage';
import { ReaderPage } from '../study/ReaderPage';
import { LanguageSwitch } from './LanguageSwitch';
import { useRoute } from './route';
import { AccountsPage } from '../admin/AccountsPage';
import { useLoad } from './use-load';
import { NavMenu, type NavGroup, type NavItem } from './NavMenu';

export function Shell({ me, enterprise, onLogout }: { me: Me; enterprise: string; onLogout: () => void }) {
  const { t } = useTranslation();
  const route = useRoute();
  const campaigns = useLoad(() => api['campaign.list']({}), []);
  const has = (r: string) => me.roles.includes(r as never);
  const office = has('officer') || has('admin');
  // the merge page is there once a workstation has been merged (most plants never see it)
  const merges = useLoad(() => (office ? api['merge.list']({}) : Promise.resolve(null)), [office, route.page]);
  const openConflicts = merges.data?.conflicts.filter((c) => !c.decided).length ?? 0;
  const item = (page: string, label = t(`nav.${page}`)): NavItem => ({ page, label });
  const groups: NavGroup[] = [];
  const group = (key: string, items: (NavItem | false | null | undefined)[]) => {
    const kept = items.filter((i): i is NavItem => !!i);
    if (kept.length > 0) groups.push({ key, label: t(`nav.group.${key}`), items: kept });
  };
  if (has('employee')) {
    // 述职: those with a 岗位层级 in the roster (a superior always has one)
    const mine = [item('study'), item('practice'), item('quiz'), item('essay'), me.person?.level ? item('report') : null].filter((i): i is NavItem => !!i);
    // an employee's own few pages stand alone; for an officer who also studies they are one group
    if (office) group('mine', mine);
    else for (const m of mine) groups.push({ key: m.page, label: m.label, items: [m] });
  }
  if (office) {
    group('plan', [item('campaign'), item('plan'), item('summary')]);
    group('people', [item('roster'), has('admin') && item('accounts')]);
    group('learning', [item('documents'), item('sessions'), item('progress')]);
    group('assessment', [item('bank'), item('grading'), item('results')]);
    group('essays', [item('essays'), item('reports')]);
    group('inspections', [item('inspections')]);
  }
  group('archive', [(has('archivist') || has('admin')) && item('archive')]);
  // merged workstations stand on their own: an open conflict must be seen, not folded into a group
  if (office && merges.data && merges.data.runs.length > 0) {
    const m = item('merge', openConflicts > 0 ? t('nav.mergeOpen', { n: openConflicts }) : t('nav.merge'));
    groups.push({ key: 'merge', label: m.label, items: [m] });
  }
  if (has('admin')) group('system', [item('settings')]);
  const nav = groups.flatMap((g) => g.items);
  const allowed = new Set(nav.map((n) => n.page).concat(['read', 'search', 'password'], office || has('archivist') ? ['summary'] : []));
  const page = allowed.has(route.page) ? route.page : nav[0]?.page ?? '';
  const campaign = campaigns.data?.[0] ?? null;

  let body: React.ReactNode = null;
  const needCampaign = (node: React.ReactNode) =>
    campaigns.data === null ? <p className="muted">{t('common.loading')}</p> : campaign ? node : <p className="notice">{t('campaign.none')}</p>;
  switch (page) {
    case 'study':
      body = needCampaign(
        campaign && (
          <>
            <MyFindings campaignId={campaign.id} me={me.employeeNo} />
            <HomePage campaign={campaign} />
          </>
        ),
      );
      break;
    case 'read':
      // employees study (a session counts time); others only read
      body = route.arg && (has('employee') ? needCampaign(campaign && <ReaderPage campaign={campaign} docId={route.arg} textKey={route.sub} canImport={has('officer') || has('admin')} />) : <ReaderPage campaign={null} docId={route.arg} textKey={route.sub} canImport={has('officer') || has('admin')} />);
      break;
    case 'search':
      body = route.arg ? <SearchPage q={route.arg} /> : <p className="muted">{t('search.placeholder')}</p>;
      break;
    case 'documents':
      body = <DocumentsPage />;
      break;
    case 'quiz':
      body = needCampaign(campaign && <QuizPage campaign={campaign} />);
      break;
    case 'practice':
      body = needCampaign(campaign && <PracticePage campaign={campaign} />);
      break;
    case 'essay':
      body = needCampaign(campaign && <EssayPage campaign={campaign} me={me} />);
      break;
    case 'report':
      body = needCampaign(campaign && <ReportPage campaign={campaign} me={me} />);
      break;
    case 'inspections':
      body = needCampaign(campaign && <InspectionsPage campaign={campaign} me={me.employeeNo} />);
      break;
    case 'summary':
      body = needCampaign(campaign && <SummaryPage campaign={campaign} canEdit={office} />);
      break;
    case 'reports':
      body = needCampaign(campaign && <ReportsPage campaign={campaign} />);
      break;
    case 'campaign':
      body = <CampaignPage campaignId={campaign?.id ?? null} onSaved={campaigns.reload} />;
      break;
    case 'roster':
      body = <RosterPage isAdmin={has('admin')} />;
      break;
    case 'results':
      body = needCampaign(campaign && <ResultsPage campaign={campaign} />);
      break;
    case 'bank':
      body = <BankPage />;
      break;
    case 'sessions':
      body = needCampaign(campaign && <SessionsPage campaign={campaign} />);
      break;
    case 'essays':
      body = needCampaign(campaign && <EssaysPage campaign={campaign} />);
      break;
    case 'grading':
      body = needCampaign(campaign && <GradingPage campaign={campaign} />);
      break;
    case 'progress':
      body = needCampaign(campaign && <ProgressPage campaign={campaign} />);
      break;
    case 'archive':
      body = <ArchivePage />;
      break;
    case 'plan':
      body = needCampaign(campaign && <PlanPage campaign={campaign} canEdit={office} />);
      break;
    case 'merge':
      body = <MergePage onChanged={merges.reload} />;
      break;
    case 'accounts':
      body = <AccountsPage self={me.employeeNo} />;
      break;
    case 'settings':
      body = <SettingsPage />;
      break;
    case 'password':
      body = <PasswordPage />;
      break;
  }
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <span className="enterprise">{enterprise}</span>
        </div>
        <SearchBox key={route.page === 'search' ? route.arg ?? '' : ''} initial={route.page === 'search' ? route.arg ?? '' : ''} />
        <div className="who">
          <span data-testid="who">
            {me.name}（{me.employeeNo}）
          </span>
          <a href="#/password" className="bar-link">
            {t('password.link')}
          </a>
          <LanguageSwitch />
          <button type="button" className="secondary" onClick={onLogout}>
            {t('auth.switchUser')}
          </button>
        </div>
      </header>
      <div className="navbar">
        <NavMenu groups={groups} current={page === 'read' ? 'study' : page} />
      </div>
      <main className="page">{body}</main>
    </div>
  );
}
