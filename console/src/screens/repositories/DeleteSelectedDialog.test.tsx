import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import '../../i18n';
import { App } from '../../App';
import { DeleteRepositoriesDocument } from '../../gql/graphql';
import { DeleteSelectedDialog } from './DeleteSelectedDialog';

describe('删除选中 of all matching', () => {
  it('sends the filter with the typed count and shows why the gateway refused it', async () => {
    const filter = { namespace: 'bulk', search: null, syncStatus: null };
    const mismatch = 'confirmCount 130 does not match the 131 repositories the filter matches';
    const onClose = vi.fn();
    render(
      <App>
        <MockedProvider
          mocks={[
            {
              request: { query: DeleteRepositoriesDocument, variables: { filter, confirmCount: 130 } },
              result: { errors: [new GraphQLError(mismatch, { extensions: { code: 'CONFIRMATION_MISMATCH' } })] },
            },
          ]}
        >
          <DeleteSelectedDialog open refs={[]} filter={filter} count={130} onClose={onClose} />
        </MockedProvider>
      </App>,
    );
    expect(screen.getByText('请输入删除数量 130 以确认')).toBeInTheDocument();
    const ok = screen.getByRole('button', { name: '确定' });
    fireEvent.change(screen.getByLabelText('删除数量'), { target: { value: '130' } });
    await userEvent.click(ok);
    expect(await screen.findByRole('alert')).toHaveTextContent(mismatch);
    expect(onClose).not.toHaveBeenCalled();
  });
});
