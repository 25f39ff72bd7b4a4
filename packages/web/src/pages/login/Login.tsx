import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginRequest } from '@kaifaqu/contracts';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useLogin } from '../../api/queries.ts';
import { useLang, useT } from '../../i18n/index.tsx';

/** Only same-site paths may be a post-login target, so `?next=` cannot send users elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/app';
}

export default function Login() {
  const t = useT();
  const [lang, setLang] = useLang();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const err = login.error;
  const message = err instanceof ApiError ? err.localized(lang) : err ? t('error.network') : null;

  return (
    <div
      style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f0f4fa', padding: 16 }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')} · {t('login.title')}
          </Typography.Title>
          <Button type="text" size="small" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('lang.toggle')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
          {t('app.subtitle')}
        </Typography.Paragraph>
        {message ? <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form<LoginRequest>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => login.mutate(values, { onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }) })}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.demoHint')} · <Link to="/">{t('login.back')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
