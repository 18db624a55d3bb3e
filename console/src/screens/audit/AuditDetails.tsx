import { Button, Descriptions, type TableProps } from 'antd';
import { DownOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AuditRowFragment } from '../../gql/graphql';

/** The details JSON as indented text; a string that holds JSON is shown parsed. */
export function detailsText(details: unknown): string {
  if (details == null) return '';
  if (typeof details === 'string') {
    try {
      return JSON.stringify(JSON.parse(details), null, 2);
    } catch {
      return details;
    }
  }
  return JSON.stringify(details, null, 2);
}

/** An entry's details, shown when its row is expanded: the change, and where the request came from. */
export function AuditDetails({ entry }: { entry: AuditRowFragment }) {
  const { t } = useTranslation();
  const none = t('audit.details.none');
  const text = detailsText(entry.details);
  return (
    <div>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'correlationId', label: t('audit.details.correlationId'), children: <code>{entry.correlationId ?? none}</code> },
          { key: 'clientAddress', label: t('audit.details.clientAddress'), children: entry.clientAddress ?? none },
          { key: 'targetId', label: t('audit.details.targetId'), children: <code>{entry.targetId}</code> },
          { key: 'userAgent', label: t('audit.details.userAgent'), children: entry.userAgent ?? none },
          { key: 'id', label: t('audit.details.id'), children: <code>{entry.id}</code> },
        ]}
      />
      <h2 style={{ fontSize: 14, margin: '12px 0 4px' }}>{t('audit.details.changes')}</h2>
      {text && text !== '{}' ? (
        <pre
          tabIndex={0}
          aria-label={t('audit.details.changes')}
          style={{ maxHeight: 320, overflow: 'auto', background: '#fafafa', padding: 8, margin: 0, fontSize: 12 }}
        >
          {text}
        </pre>
      ) : (
        <span>{none}</span>
      )}
    </div>
  );
}

type ExpandIconProps = Parameters<NonNullable<NonNullable<TableProps<AuditRowFragment>['expandable']>['expandIcon']>>[0];

/** The expand button of a row: a real button, named after the entry, telling whether it is open. */
export function ExpandButton({ expanded, record, onExpand }: ExpandIconProps) {
  const { t } = useTranslation();
  const name = t(expanded ? 'audit.details.hide' : 'audit.details.show', {
    action: record.action,
    target: record.targetName ?? record.targetId,
  });
  return (
    <Button
      type="text"
      size="small"
      aria-expanded={expanded}
      aria-label={name}
      title={name}
      icon={expanded ? <DownOutlined /> : <RightOutlined />}
      onClick={(event) => onExpand(record, event)}
    />
  );
}
