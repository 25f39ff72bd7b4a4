import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n/index.tsx';

/** `embedded`: shown inside the app layout in place of a page the user may not open. */
export default function Forbidden({ embedded = false }: { embedded?: boolean }) {
  const t = useT();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('error.403')}
      style={embedded ? undefined : { paddingTop: 96 }}
      extra={
        <Link to={embedded ? '/app' : '/'}>
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
