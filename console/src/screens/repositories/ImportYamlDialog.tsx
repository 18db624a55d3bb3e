import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { ApplyRepositoriesDocument, type ApplyRepositoriesMutation } from '../../gql/graphql';
// antd's styles of the components the list does not show (vite/antdStaticStyle.ts)
import '../../antd-more.generated.css';

type Result = ApplyRepositoriesMutation['applyRepositories'];
type Item = Result['items'][number];

// solid colours with white text, as SyncStatusTag: antd's pale preset tags fall short of WCAG AA contrast
const COLOR: Record<string, string> = { CREATED: '#237804', UPDATED: '#0958d9', UNCHANGED: 'default', FAILED: '#cf1322' };

/** The dialog of 「导入 YAML」 (ImportYamlButton): paste or upload, 「预览」 (dryRun), then 「导入」 of the previewed text. */
export default function ImportYamlDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [yaml, setYaml] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  // the text the result is about: 「导入」 applies only what was previewed
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [apply, { loading }] = useMutation(ApplyRepositoriesDocument);

  const run = async (dryRun: boolean) => {
    setFailure(null);
    try {
      const { data } = await apply({ variables: { yaml, dryRun } });
      const answer = data!.applyRepositories;
      setResult(answer);
      setPreviewed(dryRun ? yaml : null);
      if (!dryRun) {
        void message.success(t('importYaml.done', answer));
        if (answer.failed === 0) onClose();
      }
    } catch (error) {
      setResult(null);
      setFailure(errorMessage(error));
    }
  };
  const canApply = previewed !== null && previewed === yaml && result !== null && result.succeeded > 0;

  return (
    <Modal
      open
      width={960}
      title={t('importYaml.title')}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button disabled={!yaml.trim()} loading={loading && !canApply} onClick={() => void run(true)}>
            {t('importYaml.preview')}
          </Button>
          <Button type="primary" disabled={!canApply} loading={loading && canApply} onClick={() => void run(false)}>
            {t('importYaml.apply')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" id="import-yaml-hint">
        {t('importYaml.hint')}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".yaml,.yml,text/yaml,application/yaml,text/plain"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((text) => setYaml(text));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('importYaml.upload')}</Button>
        </Upload>
        <label htmlFor="import-yaml-text">{t('importYaml.text')}</label>
        <Input.TextArea
          id="import-yaml-text"
          aria-describedby="import-yaml-hint"
          value={yaml}
          onChange={(e) => setYaml(e.target.value)}
          autoSize={{ minRows: 8, maxRows: 12 }}
          spellCheck={false}
          style={{ fontFamily: 'monospace' }}
          placeholder={'apiVersion: image.theriseunion.io/v1alpha1\nkind: Repository\n…'}
        />
        {failure && <Alert type="error" showIcon role="alert" message={failure} />}
        {result && (
          <>
            <Typography.Text role="status" strong>
              {t('importYaml.summary', result)}
            </Typography.Text>
            <Table<Item>
              rowKey="index"
              size="small"
              pagination={false}
              dataSource={result.items}
              columns={[
                { title: t('importYaml.columns.index'), dataIndex: 'index', width: 70 },
                { title: t('importYaml.columns.kind'), dataIndex: 'kind', width: 140 },
                {
                  title: t('importYaml.columns.name'),
                  key: 'name',
                  render: (_, item) => [item.namespace, item.name].filter(Boolean).join('/') || '—',
                },
                {
                  title: t('importYaml.columns.outcome'),
                  dataIndex: 'outcome',
                  width: 100,
                  render: (v: string) => <Tag color={COLOR[v]}>{t(`importYaml.outcome.${v}`)}</Tag>,
                },
                {
                  title: t('importYaml.columns.error'),
                  key: 'error',
                  render: (_, item) =>
                    item.error
                      ? `${item.error.code}${item.error.field ? ` (${item.error.field})` : ''}: ${item.error.message}`
                      : '—',
                },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
