import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PreviewRepositoryQuery } from '../../gql/graphql';
import { formatBytes } from './format';

type Preview = PreviewRepositoryQuery['previewRepository'];

const platformText = (p: { os?: string | null; architecture?: string | null; variant?: string | null }) =>
  [p.os, p.architecture, p.variant].filter(Boolean).join('/');

/**
 * What 「检查」 found (previewRepository): the source's reachability, whether the tag exists with its digest,
 * size and platforms, and for a missing tag the tags that do exist (the document's FAQ Q1), each a button that
 * fills 镜像标签. Field errors are shown on their fields by the drawer; those without a field are listed here.
 */
export function CreatePreview({ preview, onPickTag }: { preview: Preview; onPickTag: (tag: string) => void }) {
  const { t } = useTranslation();
  const unplaced = preview.errors.filter((e) => !e.field);
  const source = preview.source;
  return (
    <div role="status" aria-label={t('create.check.result')} style={{ marginBottom: 16 }}>
      {preview.valid && <Alert type="success" showIcon title={t('create.check.valid')} style={{ marginBottom: 8 }} />}
      {!preview.valid && preview.errors.length > 0 && (
        <Alert type="error" showIcon title={t('create.check.invalid')} style={{ marginBottom: 8 }} />
      )}
      {unplaced.map((e) => (
        <Alert key={e.code + e.message} type="error" title={`${e.code}: ${e.message}`} style={{ marginBottom: 8 }} />
      ))}
      <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        {source && (
          <Descriptions.Item label={t('create.check.source')}>
            {source.reachable ? t('create.check.reachable') : t('create.check.unreachable')}
            {` (${source.health})`}
            {source.message ? ` — ${source.message}` : ''}
          </Descriptions.Item>
        )}
        {preview.repositoryExists != null && (
          <Descriptions.Item label={t('create.repository')}>
            {preview.repositoryExists ? t('create.check.exists') : t('create.check.missing')}
          </Descriptions.Item>
        )}
        {preview.tagExists != null && (
          <Descriptions.Item label={t('create.tag')}>
            {preview.tagExists ? t('create.check.exists') : t('create.check.missing')}
          </Descriptions.Item>
        )}
        {preview.image && (
          <>
            <Descriptions.Item label={t('detail.digest')}>
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                {preview.image.digest}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('create.check.size')}>{formatBytes(preview.image.size)}</Descriptions.Item>
            <Descriptions.Item label={t('create.check.platforms')}>
              {preview.image.platforms.length > 0
                ? preview.image.platforms.map(platformText).join(', ')
                : platformText(preview.image) || '—'}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      {preview.tagExists === false && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text>
            {preview.suggestedTags.length > 0 ? t('create.check.suggested') : t('create.check.noSuggestion')}
          </Typography.Text>
          <Space wrap style={{ marginLeft: 8 }}>
            {preview.suggestedTags.map((tag) => (
              <Button key={tag} size="small" onClick={() => onPickTag(tag)}>
                {tag}
              </Button>
            ))}
          </Space>
        </div>
      )}
    </div>
  );
}
