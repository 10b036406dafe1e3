import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** A failed load shown above a list, with a retry; nothing when there is no error. */
export function QueryError({ error, onRetry }: { error: Error | undefined; onRetry(): void }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.error')}
      description={error.message}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
