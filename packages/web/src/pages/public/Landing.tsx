import { GlobalOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/queries.ts';
import { useLang, useT } from '../../i18n/index.tsx';

/** Public front page (no login needed). */
export default function Landing() {
  const t = useT();
  const [lang, setLang] = useLang();
  const { data: me } = useMe();
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #eaf1fb 0%, #ffffff 60%)' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '12px 20px' }}>
        <Typography.Title level={4} style={{ margin: 0, color: '#1f5fbf' }}>
          {t('app.name')}
        </Typography.Title>
        <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('lang.toggle')}
        </Button>
      </div>
      <div style={{ maxWidth: 760, margin: '0 auto', padding: '10vh 20px 40px' }}>
        <Typography.Title>{t('landing.title')}</Typography.Title>
        <Typography.Paragraph style={{ fontSize: 16, lineHeight: 1.9 }}>{t('landing.lead')}</Typography.Paragraph>
        <Space wrap>
          {me ? (
            <Link to="/app">
              <Button type="primary" size="large">
                {t('landing.enter')}
              </Button>
            </Link>
          ) : (
            <Link to="/login">
              <Button type="primary" size="large">
                {t('landing.login')}
              </Button>
            </Link>
          )}
        </Space>
        <Alert style={{ marginTop: 32 }} type="info" showIcon title={t('landing.demoNote')} />
      </div>
    </div>
  );
}
