import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** Why an edit dialog's save failed; a CONFLICT (someone else changed the repository) can be reloaded. */
export interface EditFailureState {
  conflict: boolean;
  text: string;
}

/**
 * The failure above an edit dialog's form: the gateway's message, or for a CONFLICT the explanation with
 * 「重新加载」, which reads the repository again so that the next save edits its new version.
 */
export function EditFailure({ failure, onReload }: { failure: EditFailureState; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={failure.text}
      style={{ marginBottom: 12 }}
      action={
        failure.conflict ? (
          <Button size="small" onClick={onReload}>
            {t('repoPage.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
