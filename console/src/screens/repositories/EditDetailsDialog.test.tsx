import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import '../../i18n';
import { App } from '../../App';
import { EditRepositoryDetailsDocument, RepositoryEditDetailsDocument } from '../../gql/graphql';
import { EditDetailsDialog } from './EditDetailsDialog';

const read = (version: number, displayName: string) => ({
  request: { query: RepositoryEditDetailsDocument, variables: { namespace: 'default', name: 'nginx' } },
  result: {
    data: {
      repository: { __typename: 'Repository', namespace: 'default', name: 'nginx', displayName, description: 'Nginx web 服务器', version },
    },
  },
});

const save = (version: number, displayName: string, result: object) => ({
  request: {
    query: EditRepositoryDetailsDocument,
    variables: { input: { namespace: 'default', name: 'nginx', displayName, description: 'Nginx web 服务器', expectedVersion: version } },
  },
  result,
});

// 「编辑信息」 as the list's row menu opens it: nothing of the repository in the cache but its name.
describe('「编辑信息」 (row menu and repository page)', () => {
  it('keeps the description it read, and after a CONFLICT reloads and saves the new version', async () => {
    const onClose = vi.fn();
    const saved = {
      data: {
        editRepositoryMetadata: {
          __typename: 'Repository',
          id: 'r1',
          namespace: 'default',
          name: 'nginx',
          displayName: 'Mine',
          description: 'Nginx web 服务器',
          registryRef: { __typename: 'RegistryRef', namespace: 'default', name: 'hub' },
          domain: 'registry-1.docker.io',
          repository: 'library/nginx',
          tag: 'latest',
          image: 'library/nginx:latest',
          lastSynced: null,
          syncStatus: 'SUCCESS',
          version: 5,
        },
      },
    };
    render(
      <App>
        <MockedProvider
          mocks={[
            read(3, 'Nginx'),
            save(3, 'Mine', { errors: [new GraphQLError('version 3 is not 4', { extensions: { code: 'CONFLICT' } })] }),
            read(4, 'Changed elsewhere'),
            save(4, 'Mine', saved),
          ]}
        >
          <EditDetailsDialog namespace="default" name="nginx" onClose={onClose} />
        </MockedProvider>
      </App>,
    );
    const displayName = await screen.findByLabelText('显示名称');
    expect(displayName).toHaveValue('Nginx');
    expect(screen.getByLabelText('描述')).toHaveValue('Nginx web 服务器');
    await userEvent.clear(displayName);
    await userEvent.type(displayName, 'Mine');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('该镜像已被他人修改');
    expect(screen.getByRole('button', { name: '保存' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: '重新加载' }));
    await waitFor(() => expect(screen.getByLabelText('显示名称')).toHaveValue('Changed elsewhere'));
    await userEvent.clear(screen.getByLabelText('显示名称'));
    await userEvent.type(screen.getByLabelText('显示名称'), 'Mine');
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });
});
