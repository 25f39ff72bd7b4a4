import {
  GlobalOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  QuestionCircleOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Grid, Layout, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useLogout, useMe } from '../api/queries.ts';
import { useLang, useT } from '../i18n/index.tsx';
import { ZoneSwitcher } from './ZoneSwitcher.tsx';

export function HeaderBar({ collapsed, onToggleMenu }: { collapsed: boolean; onToggleMenu: () => void }) {
  const t = useT();
  const [lang, setLang] = useLang();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        padding: compact ? '0 8px' : '0 16px',
        background: '#fff',
        borderBottom: '1px solid #f0f0f0',
        position: 'sticky',
        top: 0,
        zIndex: 30,
      }}
    >
      <Button
        type="text"
        aria-label={t('header.openMenu')}
        icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
        onClick={onToggleMenu}
      />
      <Link to="/" style={{ display: 'flex', alignItems: 'baseline', gap: 8, whiteSpace: 'nowrap' }}>
        <Typography.Title level={4} style={{ margin: 0, color: '#1f5fbf' }}>
          {t('app.name')}
        </Typography.Title>
      </Link>
      <div style={{ flex: 1, minWidth: 0, display: 'flex', justifyContent: compact ? 'flex-end' : 'flex-start', paddingInline: 8 }}>
        <ZoneSwitcher />
      </div>
      <Space size={compact ? 0 : 'small'}>
        <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-toggle">
          {compact ? null : t('lang.toggle')}
        </Button>
        {/* Both header menus open on click: a phone has no hover, and opening on hover failed the end-to-end logout
            test twice on busy machines (the item never showed). */}
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              {
                key: 'docs',
                label: (
                  <a href="/api/docs" target="_blank" rel="noreferrer">
                    {t('header.apiDocs')}
                  </a>
                ),
              },
            ],
          }}
        >
          <Button type="text" icon={<QuestionCircleOutlined />} aria-label={t('header.help')}>
            {compact ? null : t('header.help')}
          </Button>
        </Dropdown>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              {
                key: 'logout',
                icon: <LogoutOutlined />,
                label: t('header.logout'),
                onClick: () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) }),
              },
            ],
          }}
        >
          <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
            {compact ? null : me?.displayName}
          </Button>
        </Dropdown>
      </Space>
    </Layout.Header>
  );
}
