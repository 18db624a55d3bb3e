import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/repositories">
          <Button type="primary">{t('common.home')}</Button>
        </Link>
      }
    />
  );
}
