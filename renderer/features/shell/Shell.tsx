import { useTranslation } from 'react-i18next';
import type { Me } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { SearchBox } from '../search/SearchBox';
import { LanguageSwitch } from './LanguageSwitch';
import { useRoute } from './route';
import { useLoad } from './use-load';
import { NavMenu, type NavGroup } from './NavMenu';
import { PAGES } from './pages';
import { accessOf, allowedPages, campaignNeeded, mayOf, menuOf, pageToShow, type Label } from './routes';
import { useChosenCampaign } from './chosen-campaign';
import { CampaignBar } from './CampaignBar';
import { ClosedBanner } from './ClosedBanner';

export function Shell({ me, enterprise, onLogout }: { me: Me; enterprise: string; onLogout: () => void }) {
  const { t } = useTranslation();
  const route = useRoute();
  const campaigns = useLoad(() => api['campaign.list']({}), []);
  const mayMerge = mayOf(me.roles)('merge.list');
  const merges = useLoad(() => (mayMerge ? api['merge.list']({}) : Promise.resolve(null)), [mayMerge, route.page]);
  const access = accessOf(me.roles, { level: !!me.person?.level, mergeRuns: merges.data?.runs.length ?? 0, openConflicts: merges.data?.conflicts.filter((c) => !c.decided).length ?? 0 });
  const text = ([key, values]: Label) => t(key, values);
  const menu = menuOf(access);
  const groups: NavGroup[] = menu.map((g) => ({ key: g.key, label: text(g.label), items: g.items.map((i) => ({ page: i.page, label: text(i.label) })) }));
  const shown = pageToShow(route.page, access, menu);
  const { campaign, choose } = useChosenCampaign(me.employeeNo, campaigns.data);
  const list = campaigns.data ?? [];
  // a page that works on a campaign: its state (closed, read-only) is said above the page
  const onCampaign = !!shown && (shown.needsCampaign !== false || shown.page === 'campaign');

  let body: React.ReactNode = null;
  if (shown && campaignNeeded(shown, access) && !campaign) body = campaigns.data === null ? <p className="muted">{t('common.loading')}</p> : <p className="notice">{t('campaign.none')}</p>;
  else if (shown) body = PAGES[shown.page]({ me, campaign, campaigns: list, chooseCampaign: choose, route, may: access.may, reloadCampaigns: campaigns.reload, reloadMerges: merges.reload });
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <strong>{t('app.name')}</strong>
          <span className="enterprise">{enterprise}</span>
        </div>
        <SearchBox key={route.page === 'search' ? (route.arg ?? '') : ''} initial={route.page === 'search' ? (route.arg ?? '') : ''} />
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
        <NavMenu groups={groups} current={shown?.within ?? shown?.page ?? ''} />
      </div>
      {campaign && <CampaignBar list={list} chosen={campaign} onChoose={choose} picker={!me.roles.every((r) => r === 'employee')} />}
      <main className="page">
        {campaign?.closedAt && onCampaign && (
          <ClosedBanner campaign={campaign} archiveLink={allowedPages(access).has('archive')} mayReopen={access.may('campaign.reopen')} onReopened={campaigns.reload} />
        )}
        {body}
      </main>
    </div>
  );
}
