import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import '../../i18n';
import { App } from '../../App';
import {
  DeleteRegistryDocument,
  RotateRegistryWebhookSecretDocument,
  UpdateRegistryDocument,
  type RegistryRowFragment,
} from '../../gql/graphql';
import { RegistryDrawer } from './RegistryDrawer';
import { DeleteRegistryDialog, RotateWebhookDialog } from './RegistryActions';

const registry: RegistryRowFragment = {
  __typename: 'Registry',
  namespace: 'default',
  name: 'harbor-prod',
  url: 'https://harbor.example.com',
  domain: 'harbor.example.com',
  insecure: false,
  description: null,
  username: 'robot',
  hasCredentials: true,
  caCertificate: null,
  concurrencyLimit: 4,
  health: 'HEALTHY',
  healthDetail: null,
  lastCheckedAt: null,
  unavailableSince: null,
  rateLimitedUntil: null,
  repositoryCount: 1,
  shared: false,
  updatedAt: '2026-12-01T10:00:00Z',
};

function renderWith(mocks: MockLink.MockedResponse[], ui: React.ReactNode) {
  render(
    <App>
      <MockedProvider mocks={mocks}>{ui}</MockedProvider>
    </App>,
  );
}

describe('编辑镜像源', () => {
  it('never shows the stored password; says it is set; the gateway’s VALIDATION_FAILED lands on its field', async () => {
    const mocks = [
      {
        request: { query: UpdateRegistryDocument, variables: { input: { namespace: 'default', name: 'harbor-prod', url: 'ftp://harbor' } } },
        result: { errors: [new GraphQLError('url must start with https://', { extensions: { code: 'VALIDATION_FAILED', field: 'url' } })] },
      },
    ];
    renderWith(mocks, <RegistryDrawer registry={registry} onClose={() => {}} />);
    expect(screen.getByLabelText(/^密码或令牌/)).toHaveValue('');
    expect(screen.getByText('已设置')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: '清除已保存的密码或令牌' })).not.toBeChecked();
    const url = screen.getByLabelText('地址');
    fireEvent.change(url, { target: { value: 'ftp://harbor' } });
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('url must start with https://')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('删除镜像源', () => {
  it('explains an IN_USE refusal with the count of repositories using the source', async () => {
    const mocks = [
      {
        request: { query: DeleteRegistryDocument, variables: { namespace: 'default', name: 'harbor-prod' } },
        result: {
          errors: [
            new GraphQLError('registry source default/harbor-prod is used by 2 repositories; delete or re-create them first', {
              extensions: { code: 'IN_USE' },
            }),
          ],
        },
      },
    ];
    renderWith(mocks, <DeleteRegistryDialog registry={registry} onClose={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: '删除' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('无法删除：镜像源 harbor-prod 仍被 2 个镜像使用。');
    expect(alert).toHaveTextContent('请先删除使用它的镜像');
  });
});

describe('轮换 Webhook 密钥', () => {
  it('puts the keyboard on the URL once rotated (the 轮换 button it was on is gone), the copy buttons next by Tab', async () => {
    const mocks = [
      {
        request: { query: RotateRegistryWebhookSecretDocument, variables: { namespace: 'default', name: 'harbor-prod' } },
        result: {
          data: {
            rotateRegistryWebhookSecret: {
              __typename: 'RegistryWebhook',
              url: 'https://gateway.example.com/webhooks/registry/default/harbor-prod',
              secret: 'whs_0123456789abcdef',
            },
          },
        },
      },
    ];
    renderWith(mocks, <RotateWebhookDialog registry={registry} onClose={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: '轮换' }));
    const url = await screen.findByLabelText('Webhook 地址');
    expect(url).toHaveValue('https://gateway.example.com/webhooks/registry/default/harbor-prod');
    expect(url).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: /复制地址/ })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByLabelText('Webhook 密钥')).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: /复制密钥/ })).toHaveFocus();
  });
});
