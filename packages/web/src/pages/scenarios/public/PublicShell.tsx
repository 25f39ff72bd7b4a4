import { GlobalOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../../api/queries.ts';
import { useLang } from '../../../i18n/index.tsx';
import { useI } from '../i18n.ts';
import './print.css';

/** Frame of the public (no login) scenario pages; `.no-print` parts disappear when printing. */
export function PublicShell({ zone, zoneName, children }: { zone: string; zoneName?: string; children: ReactNode }) {
  const { t } = useI();
  const [lang, setLang] = useLang();
  const { data: me } = useMe();
  return (
    <div className="sc-public" style={{ minHeight: '100vh', background: '#f5f7fb' }}>
      <header
        className="no-print"
        style={{
          background: '#1f5fbf',
          color: '#fff',
          padding: '10px 20px',
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          flexWrap: 'wrap',
        }}
      >
        <Link to={`/p/${encodeURIComponent(zone)}/scenarios`} style={{ color: '#fff' }}>
          <Typography.Title level={4} style={{ margin: 0, color: '#fff' }}>
            {zoneName ? `${zoneName} · ` : ''}
            {t('publicTitle')}
          </Typography.Title>
        </Link>
        <span style={{ opacity: 0.85, fontSize: 13 }}>{t('slogan')}</span>
        <Space style={{ marginLeft: 'auto' }}>
          <Button type="text" style={{ color: '#fff' }} icon={<GlobalOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </Button>
          {me ? (
            <Link to={`/z/${encodeURIComponent(zone)}/scenarios`}>
              <Button size="small">{t('staffPage')}</Button>
            </Link>
          ) : (
            <Link to={`/login?next=${encodeURIComponent(window.location.pathname)}`}>
              <Button size="small">{t('login')}</Button>
            </Link>
          )}
        </Space>
      </header>
      <main style={{ maxWidth: 1100, margin: '0 auto', padding: '16px 16px 40px' }}>{children}</main>
    </div>
  );
}
