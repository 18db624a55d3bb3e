import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Table } from 'antd';
import '../../i18n';
import type { AuditRowFragment } from '../../gql/graphql';
import { AuditDetails, ExpandButton, detailsText } from './AuditDetails';

const entry: AuditRowFragment = {
  __typename: 'AuditEntry',
  id: 'e-1',
  at: '2026-12-01T10:00:00Z',
  actor: 'admin',
  action: 'registry.updated',
  targetKind: 'REGISTRY',
  targetId: 'default/harbor',
  namespace: 'default',
  targetName: 'harbor',
  details: { url: { before: 'https://a.example.com', after: 'https://b.example.com' } },
  correlationId: 'c0ffee',
  clientAddress: '10.0.0.7',
  userAgent: null,
};

describe('an audit entry’s details', () => {
  it('shows the details JSON indented, also when it came as a string', () => {
    expect(detailsText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(detailsText('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(detailsText('not json')).toBe('not json');
    expect(detailsText(null)).toBe('');
  });

  it('opens by keyboard from a named button that tells whether it is open', async () => {
    render(
      <Table<AuditRowFragment>
        rowKey="id"
        dataSource={[entry]}
        pagination={false}
        columns={[{ title: '操作', dataIndex: 'action' }]}
        expandable={{ expandedRowRender: (e) => <AuditDetails entry={e} />, expandIcon: (p) => <ExpandButton {...p} /> }}
      />,
    );
    const button = screen.getByRole('button', { name: '查看详情：registry.updated harbor' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByText('c0ffee')).toBeInTheDocument();
    expect(screen.getByText('10.0.0.7')).toBeInTheDocument();
    expect(screen.getByLabelText('变更内容')).toHaveTextContent('"after": "https://b.example.com"');
    expect(screen.getByRole('button', { name: '收起详情：registry.updated harbor' })).toHaveAttribute('aria-expanded', 'true');
  });
});
