import { lazy, Suspense, useRef, useState } from 'react';
import { Button } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useFocusReturn } from '../../layout/focus';

// the dialog (antd's Upload among others) is a chunk of its own, loaded when opened: the list's first screen does
// not carry it
const ImportYamlDialog = lazy(() => import('./ImportYamlDialog'));

/**
 * 「导入 YAML」 of the list's toolbar: paste or upload Repository / RegistrySource documents, preview them with
 * applyRepositories(dryRun: true) (per item 创建 / 更新 / 不变 / 失败 with its error), then apply the same text.
 * The list shows the added repositories from its live events.
 */
export function ImportYamlButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // the dialog is removed from the page when it closes: the keyboard goes back to this button
  useFocusReturn(open, () => button.current);
  return (
    <>
      <Button ref={button} icon={<ImportOutlined />} onClick={() => setOpen(true)}>
        {t('importYaml.open')}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ImportYamlDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
