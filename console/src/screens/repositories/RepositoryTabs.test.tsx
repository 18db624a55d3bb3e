import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { MemoryRouter } from 'react-router';
import '../../i18n';
import { App } from '../../App';
import { RepositorySharedWithDocument, type RepositoryPageQuery } from '../../gql/graphql';
import { DependenciesTab } from './RepositoryTabs';

type Repository = NonNullable<RepositoryPageQuery['repository']>;

const sharing = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    __typename: 'SharedLayers' as const,
    layers: 1,
    bytes: 1000 - i,
    repository: { __typename: 'Repository' as const, id: `r${i}`, namespace: 'default', name: `app-${i}`, displayName: null, image: `app-${i}:v1` },
  }));

// sharedWith has no cursor: 「加载更多」 asks for a longer list (first + 20), up to how many there are
describe('依赖关系: images sharing layers, loaded 20 at a time', () => {
  it('loads the rest with 加载更多, then says all are loaded', async () => {
    const repository = {
      namespace: 'default',
      name: 'nginx',
      dependencies: { baseLayers: [], sharedWith: sharing(20), sharedWithCount: 25, uniqueBytes: 10 },
    } as unknown as Repository;
    render(
      <App>
        <MemoryRouter>
          <MockedProvider
            mocks={[
              {
                request: { query: RepositorySharedWithDocument, variables: { namespace: 'default', name: 'nginx', first: 40 } },
                result: {
                  data: {
                    repository: {
                      __typename: 'Repository',
                      namespace: 'default',
                      name: 'nginx',
                      dependencies: { __typename: 'RepositoryDependencies', sharedWith: sharing(25), sharedWithCount: 25 },
                    },
                  },
                },
              },
            ]}
          >
            <DependenciesTab repository={repository} />
          </MockedProvider>
        </MemoryRouter>
      </App>,
    );
    expect(screen.getByText('已加载 20 / 共 25')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '加载更多' }));
    expect(await screen.findByText('已加载 25 / 共 25')).toBeInTheDocument();
    expect(screen.getByText('已全部加载')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'default/app-24' })).toBeInTheDocument();
  });
});
