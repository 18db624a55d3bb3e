import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import '../../i18n';
import { App } from '../../App';
import { DeleteRepositoryDocument } from '../../gql/graphql';
import { DeleteRepositoryDialog, nameConfirmed } from './DeleteRepositoryDialog';

describe('the typed name that confirms a delete', () => {
  it('is the name exactly, spaces around it forgiven', () => {
    expect(nameConfirmed('nginx-latest', 'nginx-latest')).toBe(true);
    expect(nameConfirmed('  nginx-latest\n', 'nginx-latest')).toBe(true);
    expect(nameConfirmed('', 'nginx-latest')).toBe(false);
    expect(nameConfirmed('nginx', 'nginx-latest')).toBe(false);
    expect(nameConfirmed('nginx-latest-2', 'nginx-latest')).toBe(false);
    expect(nameConfirmed('NGINX-LATEST', 'nginx-latest')).toBe(false);
    expect(nameConfirmed('default/nginx-latest', 'nginx-latest')).toBe(false);
    expect(nameConfirmed('', '')).toBe(false);
  });
});

function renderDialog(result: { data?: unknown; errors?: GraphQLError[] }, onDeleted = vi.fn()) {
  render(
    <App>
      <MockedProvider
        mocks={[
          {
            request: { query: DeleteRepositoryDocument, variables: { namespace: 'default', name: 'nginx-latest', confirmName: 'nginx-latest' } },
            result,
          },
        ]}
      >
        <DeleteRepositoryDialog repository={{ namespace: 'default', name: 'nginx-latest' }} onClose={() => {}} onDeleted={onDeleted} />
      </MockedProvider>
    </App>,
  );
  return onDeleted;
}

describe('「删除」 on the repository page', () => {
  it('deletes only once the name is typed, then goes on', async () => {
    const onDeleted = renderDialog({
      data: { deleteRepository: { __typename: 'DeleteResult', namespace: 'default', name: 'nginx-latest', deleted: true } },
    });
    const name = screen.getByLabelText('请输入镜像名称 nginx-latest 以确认');
    const ok = screen.getByRole('button', { name: '删除' });
    expect(ok).toBeDisabled();
    fireEvent.change(name, { target: { value: 'nginx' } });
    expect(ok).toBeDisabled();
    fireEvent.change(name, { target: { value: 'nginx-latest' } });
    expect(ok).toBeEnabled();
    await userEvent.click(ok);
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
  });

  it("shows the gateway's refusal and stays", async () => {
    const onDeleted = renderDialog({
      errors: [new GraphQLError('needs ADMIN in namespace default', { extensions: { code: 'FORBIDDEN' } })],
    });
    fireEvent.change(screen.getByLabelText('请输入镜像名称 nginx-latest 以确认'), { target: { value: 'nginx-latest' } });
    await userEvent.click(screen.getByRole('button', { name: '删除' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('needs ADMIN in namespace default');
    expect(onDeleted).not.toHaveBeenCalled();
  });
});
