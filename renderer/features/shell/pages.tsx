// What each page of routes.ts shows. Keyed by the table's page names, so a page without a view, or
// a view without a page, fails typecheck. A page that needs the campaign gets it (Shell shows the
// waiting or "no campaign" notice instead).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignListItem, CallName, Me } from '../../../electron/shared/api';
import { AccountsPage } from '../admin/AccountsPage';
import { SettingsPage } from '../admin/SettingsPage';
import { ArchivePage } from '../archive/ArchivePage';
import { PasswordPage } from '../auth/PasswordPage';
import { BankPage } from '../bank/BankPage';
import { DraftsPanel } from '../bank/DraftsPanel';
import { CampaignPage } from '../campaign/CampaignPage';
import { CloseCampaign } from '../campaign/CloseCampaign';
import { DocumentsPage } from '../corpus/DocumentsPage';
import { EssayPage } from '../essay/EssayPage';
import { EssaysPage } from '../essay/EssaysPage';
import { GradingPage } from '../grading/GradingPage';
import { MyFindings } from '../inspection/FindingCard';
import { InductionPage } from '../induction/InductionPage';
import { InspectionsPage } from '../inspection/InspectionsPage';
import { MergePage } from '../merge/MergePage';
import { PlanPage } from '../plan/PlanPage';
import { ProgressPage } from '../progress/ProgressPage';
import { PracticePage } from '../quiz/PracticePage';
import { QuizPage } from '../quiz/QuizPage';
import { ResultsPage } from '../quiz/ResultsPage';
import { ReportPage } from '../report/ReportPage';
import { ReportsPage } from '../report/ReportsPage';
import { RosterPage } from '../roster/RosterPage';
import { SearchPage } from '../search/SearchPage';
import { SessionsPage } from '../sessions/SessionsPage';
import { CampaignCards } from '../study/CampaignCards';
import { HomePage } from '../study/HomePage';
import { ReaderPage } from '../study/ReaderPage';
import { SummaryPage } from '../summary/SummaryPage';
import { YearPage } from '../year/YearPage';
import type { PageName } from './routes';
import type { Route } from './route';

export interface PageProps {
  me: Me;
  /** the campaign the person picked (or the first current one): never null for a page that needs it */
  campaign: CampaignListItem | null;
  /** every campaign the person may pick, current first */
  campaigns: readonly CampaignListItem[];
  chooseCampaign: (id: string) => void;
  route: Route;
  may: (call: CallName) => boolean;
  reloadCampaigns: () => void;
  reloadMerges: () => void;
}
type Needing = PageProps & { campaign: CampaignListItem };

// a page that needs the campaign is only rendered with one (see Shell)
const withCampaign = (view: (p: Needing) => ReactNode) => (p: PageProps) => (p.campaign ? view(p as Needing) : null);

export const PAGES: Record<PageName, (p: PageProps) => ReactNode> = {
  study: withCampaign(({ campaign, campaigns, chooseCampaign, me }) => (
    <>
      {campaigns.length > 1 && <CampaignCards campaigns={campaigns} chosenId={campaign.id} onChoose={chooseCampaign} />}
      <MyFindings campaignId={campaign.id} me={me.employeeNo} />
      <HomePage campaign={campaign} />
    </>
  )),
  practice: withCampaign(({ campaign }) => <PracticePage campaign={campaign} />),
  quiz: withCampaign(({ campaign }) => <QuizPage campaign={campaign} />),
  essay: withCampaign(({ campaign, me }) => <EssayPage campaign={campaign} me={me} />),
  report: withCampaign(({ campaign, me }) => <ReportPage campaign={campaign} me={me} />),
  // #/campaign/new: a new campaign from the template chooser, beside those there are (its own page: a
  // first campaign, once saved, stays on the same one as it becomes the current campaign); a closed
  // campaign's setup is shown read-only (a disabled fieldset), closing is offered on an open one
  campaign: ({ campaign, route, may, reloadCampaigns, chooseCampaign }) => {
    const isNew = route.arg === 'new';
    const shown = isNew ? null : campaign;
    return (
      <>
        <fieldset className="bare" disabled={!!shown?.closedAt}>
          <CampaignPage
            key={isNew ? 'new' : 'current'}
            campaignId={shown?.id ?? null}
            onSaved={(id) => {
              // a campaign just made (or saved) is the one the pages then work on
              chooseCampaign(id);
              reloadCampaigns();
            }}
          />
        </fieldset>
        {shown && !shown.closedAt && may('campaign.close') && <CloseCampaign campaign={shown} onClosed={reloadCampaigns} />}
      </>
    );
  },
  plan: withCampaign(({ campaign, may }) => <PlanPage campaign={campaign} canEdit={may('plan.saveTask') && !campaign.closedAt} />),
  summary: withCampaign(({ campaign, may }) => <SummaryPage campaign={campaign} canEdit={may('summary.save') && !campaign.closedAt} />),
  roster: ({ may }) => <RosterPage isAdmin={may('people.delete')} />,
  accounts: ({ me }) => <AccountsPage self={me.employeeNo} />,
  documents: () => <DocumentsPage />,
  sessions: withCampaign(({ campaign }) => <SessionsPage campaign={campaign} />),
  induction: withCampaign(({ campaign }) => <InductionPage campaign={campaign} />),
  progress: withCampaign(({ campaign }) => <ProgressPage campaign={campaign} />),
  year: () => <YearPage />,
  bank: ({ route }) => (route.arg === 'drafts' ? <DraftsPanel docId={route.sub} /> : <BankPage />),
  grading: withCampaign(({ campaign }) => <GradingPage campaign={campaign} />),
  results: withCampaign(({ campaign }) => <ResultsPage campaign={campaign} />),
  essays: withCampaign(({ campaign }) => <EssaysPage campaign={campaign} />),
  reports: withCampaign(({ campaign }) => <ReportsPage campaign={campaign} />),
  inspections: withCampaign(({ campaign, me }) => <InspectionsPage campaign={campaign} me={me.employeeNo} />),
  archive: ({ campaign }) => <ArchivePage campaign={campaign} />,
  merge: ({ reloadMerges }) => <MergePage onChanged={reloadMerges} />,
  settings: () => <SettingsPage />,
  read: ({ route, campaign, may }) =>
    // a closed campaign counts no more time: its documents are read as anyone reads them
    route.arg && (
      <ReaderPage campaign={may('study.start') && !campaign?.closedAt ? campaign : null} docId={route.arg} textKey={route.sub} canImport={may('corpus.importStart')} unit={route.query.unit ?? null} />
    ),
  search: ({ route }) => (route.arg ? <SearchPage q={route.arg} /> : <SearchHint />),
  password: () => <PasswordPage />,
};

// the table's views are called as plain functions, so one that needs a hook is a component of its own
function SearchHint() {
  const { t } = useTranslation();
  return <p className="muted">{t('search.placeholder')}</p>;
}
