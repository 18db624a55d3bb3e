import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { MemoryRouter } from 'react-router';
import '../../i18n';
import { App } from '../../App';
import { createCache } from '../../api/client';
import {
  EditRepositoryDetailsDocument,
  ListPermissionsDocument,
  RepositoryEditDetailsDocument,
  type RepositoryRowFragment,
} from '../../gql/graphql';
import { RowActions } from './RowActions';

const row: RepositoryRowFragment = {
  __typename: 'Repository',
  id: 'r1',
  namespace: 'team-a',
  name: 'nginx',
  displayName: 'Nginx',
  registryRef: { __typename: 'RegistryRef', namespace: 'team-a', name: 'harbor' },
  domain: 'harbor.example.com',
  repository: 'library/nginx',
  tag: 'latest',
  image: 'library/nginx:latest',
  lastSynced: null,
  syncStatus: 'PENDING',
  version: 3,
  createdAt: '2026-12-01T09:00:00Z',
};

const permissions = (canEdit: boolean, canDelete: boolean) => ({
  request: { query: ListPermissionsDocument, variables: { namespace: 'team-a' } },
  result: { data: { me: { __typename: 'Caller', canRead: true, canEdit, canDelete } } },
});

function renderRow(mocks: unknown[]) {
  render(
    <App>
      <MockedProvider mocks={mocks as never} cache={createCache()}>
        <MemoryRouter>
          <RowActions repository={row} more="更多操作" />
        </MemoryRouter>
      </MockedProvider>
    </App>,
  );
}

describe('the row menu 「⋯」', () => {
  it('offers only 查看详情 to a caller me.can allows nothing more in the row’s namespace', async () => {
    renderRow([permissions(false, false)]);
    await userEvent.click(screen.getByRole('button', { name: '更多操作 nginx' }));
    expect(await screen.findByRole('menuitem', { name: '查看详情' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: '编辑信息' })).toBeNull();
    expect(screen.queryByRole('menuitem', { name: '删除' })).toBeNull();
  });

  it('is a plain menu button until pressed: Enter opens the menu, Escape gives the focus back to 「⋯」', async () => {
    renderRow([permissions(true, true)]);
    const more = screen.getByRole('button', { name: '更多操作 nginx' });
    expect(more).toHaveAttribute('aria-haspopup', 'menu');
    expect(more).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('menuitem')).toBeNull();
    more.focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('menuitem', { name: '查看详情' })).toBeInTheDocument();
    expect(await screen.findByRole('menuitem', { name: '删除' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '更多操作 nginx' })).toHaveAttribute('aria-expanded', 'true');
    screen.getByRole('menuitem', { name: '查看详情' }).focus();
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: '更多操作 nginx' })).toHaveFocus();
    expect(screen.getByRole('button', { name: '更多操作 nginx' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('编辑信息 reads the description first and sends it back unchanged, with the version it showed', async () => {
    let sent: unknown = null;
    renderRow([
      permissions(true, false),
      {
        request: { query: RepositoryEditDetailsDocument, variables: { namespace: 'team-a', name: 'nginx' } },
        result: {
          data: {
            repository: {
              __typename: 'Repository',
              namespace: 'team-a',
              name: 'nginx',
              displayName: 'Nginx',
              description: 'the web server',
              version: 4,
            },
          },
        },
      },
      {
        request: {
          query: EditRepositoryDetailsDocument,
          variables: (variables: unknown) => {
            sent = variables;
            return true;
          },
        },
        result: {
          data: {
            editRepositoryMetadata: {
              __typename: 'Repository',
              id: 'r1',
              namespace: 'team-a',
              name: 'nginx',
              displayName: 'Nginx web',
              description: 'the web server',
              version: 5,
            },
          },
        },
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: '更多操作 nginx' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: '编辑信息' }));
    const description = await screen.findByLabelText('描述');
    expect(description).toHaveValue('the web server');
    const displayName = screen.getByLabelText('显示名称');
    await userEvent.clear(displayName);
    await userEvent.type(displayName, 'Nginx web');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    await expect.poll(() => sent).toEqual({
      input: {
        namespace: 'team-a',
        name: 'nginx',
        displayName: 'Nginx web',
        description: 'the web server',
        expectedVersion: 4,
      },
    });
    // the save's answer is awaited: 已保存, and the dialog closes (nothing of it is left running after the test)
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByLabelText('描述')).toBeNull());
  });
});
