import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { MockedProvider } from '@apollo/client/testing/react';
import '../../i18n';
import { App } from '../../App';
import { EditRepositorySyncPolicyDocument } from '../../gql/graphql';
import { SyncPolicyDialog } from './SyncPolicyDialog';

const repository = { namespace: 'default', name: 'nginx', syncInterval: '1h', syncTimeout: '10m', retryCount: 3, version: 4 };

function renderDialog(errors: GraphQLError[], onReload = vi.fn().mockResolvedValue(undefined)) {
  const mocks = [
    {
      request: {
        query: EditRepositorySyncPolicyDocument,
        variables: {
          input: { namespace: 'default', name: 'nginx', syncInterval: '2h', syncTimeout: '10m', retryCount: 3, expectedVersion: 4 },
        },
      },
      result: { errors },
    },
  ];
  render(
    <App>
      <MockedProvider mocks={mocks}>
        <SyncPolicyDialog repository={repository} onClose={() => {}} onReload={onReload} />
      </MockedProvider>
    </App>,
  );
  return onReload;
}

async function saveInterval(value: string) {
  const interval = screen.getByLabelText('同步间隔');
  await userEvent.clear(interval);
  await userEvent.type(interval, value);
  await userEvent.click(screen.getByRole('button', { name: '保存' }));
}

describe('同步设置', () => {
  it('shows the gateway’s VALIDATION_FAILED on the field it names', async () => {
    renderDialog([new GraphQLError('syncInterval: not allowed for this namespace', { extensions: { code: 'VALIDATION_FAILED', field: 'syncInterval' } })]);
    await saveInterval('2h');
    expect(await screen.findByText('syncInterval: not allowed for this namespace')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says someone else changed the repository and reads it again on 重新加载', async () => {
    const onReload = renderDialog([new GraphQLError('version 4 is not the current 5', { extensions: { code: 'CONFLICT' } })]);
    await saveInterval('2h');
    expect(await screen.findByRole('alert')).toHaveTextContent('该镜像已被他人修改');
    await userEvent.click(screen.getByRole('button', { name: '重新加载' }));
    expect(onReload).toHaveBeenCalled();
  });

  it('refuses an interval outside 1m to 720h before asking the gateway', async () => {
    renderDialog([]);
    await saveInterval('30s');
    expect(await screen.findByText('应在 1m – 720h 之间')).toBeInTheDocument();
  });
});
