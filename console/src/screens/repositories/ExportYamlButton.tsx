import { useState } from 'react';
import { App, Button } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { storedToken } from '../../auth/token';
import { errorMessage } from '../../api/client';
import { exportFileName, fetchExport, saveText } from './exportYaml';

/**
 * 「导出 YAML」 beside 「导入 YAML」: downloads the namespace shown (or, with 全部项目, every namespace the caller may
 * read; see exportUrl for why) as Repository documents that 导入 YAML takes back unchanged.
 */
export function ExportYamlButton({ namespace }: { namespace: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const text = await fetchExport(namespace, storedToken() ?? '');
      if (!text.trim()) {
        void message.info(t('exportYaml.empty'));
        return;
      }
      saveText(text, exportFileName(namespace, new Date()));
    } catch (error) {
      void message.error(t('exportYaml.failed', { message: errorMessage(error) }), 8);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={<ExportOutlined />}
      loading={busy}
      onClick={() => void run()}
      title={namespace ? t('exportYaml.hintNamespace', { namespace }) : t('exportYaml.hintAll')}
    >
      {t('exportYaml.open')}
    </Button>
  );
}
