import { Grid, Layout, Menu } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useParams } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';
import { visibleRoutes, zonePath } from '../routes.tsx';
import { HeaderBar } from './HeaderBar.tsx';
import { PageSpinner } from './PageSpinner.tsx';
import { useAccess } from './useAccess.ts';

export default function AppLayout() {
  const t = useT();
  const { zone = '' } = useParams();
  const { pathname } = useLocation();
  const access = useAccess();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  // Until the user toggles it, the menu follows the screen width.
  const isCollapsed = collapsed ?? narrow;

  const items = visibleRoutes(access).map((r) => ({
    key: zonePath(zone, r.path),
    icon: r.icon,
    label: (
      <Link to={zonePath(zone, r.path)} onClick={() => narrow && setCollapsed(true)}>
        {t(r.titleKey)}
      </Link>
    ),
  }));
  const selected = items.find((i) => pathname.startsWith(i.key))?.key;
  const current = visibleRoutes(access).find((r) => pathname.startsWith(zonePath(zone, r.path)));
  const pageTitle = current ? `${t(current.titleKey)} · ${t('app.name')}` : t('app.name');
  useEffect(() => {
    document.title = pageTitle;
  }, [pageTitle]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <HeaderBar collapsed={isCollapsed} onToggleMenu={() => setCollapsed(!isCollapsed)} />
      <Layout>
        <Layout.Sider
          theme="light"
          width={208}
          collapsedWidth={narrow ? 0 : 64}
          collapsed={isCollapsed}
          trigger={null}
          style={
            narrow
              ? { position: 'absolute', zIndex: 20, height: '100%', boxShadow: isCollapsed ? undefined : '2px 0 8px #0002' }
              : undefined
          }
        >
          <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} style={{ borderInlineEnd: 0, paddingTop: 8 }} />
        </Layout.Sider>
        {narrow && !isCollapsed ? (
          // Tapping beside the open menu closes it, as on any phone drawer.
          <div aria-hidden onClick={() => setCollapsed(true)} style={{ position: 'fixed', inset: 0, zIndex: 19, background: '#0003' }} />
        ) : null}
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
