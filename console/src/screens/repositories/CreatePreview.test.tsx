import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import '../../i18n';
import { CreatePreview } from './CreatePreview';

const base = {
  __typename: 'RepositoryPreview' as const,
  valid: false,
  errors: [],
  source: { namespace: 'default', name: 'local', reachable: true, health: 'HEALTHY' as never, message: null },
  repositoryExists: true,
  tagExists: false,
  image: null,
  suggestedTags: [],
};

describe('CreatePreview', () => {
  it('offers a missing tag the suggested tags, each filling 镜像标签', async () => {
    const onPickTag = vi.fn();
    render(<CreatePreview preview={{ ...base, suggestedTags: ['7-alpine', '7.2'] }} onPickTag={onPickTag} />);
    expect(screen.getByText('该标签不存在，可用的标签：')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '7-alpine' }));
    expect(onPickTag).toHaveBeenCalledWith('7-alpine');
  });

  it('shows an unreachable source and an error without a field', () => {
    render(
      <CreatePreview
        preview={{
          ...base,
          tagExists: null,
          repositoryExists: null,
          errors: [{ code: 'NOT_FOUND', message: 'no such source', field: null }],
          source: { ...base.source, reachable: false, health: 'UNREACHABLE' as never, message: 'connection refused' },
        }}
        onPickTag={() => {}}
      />,
    );
    expect(screen.getByText('NOT_FOUND: no such source')).toBeTruthy();
    expect(screen.getByText('无法访问 (UNREACHABLE) — connection refused')).toBeTruthy();
    expect(screen.queryByText('该标签不存在，可用的标签：')).toBeNull();
  });

  it('shows the digest, size and platforms of an existing tag', () => {
    render(
      <CreatePreview
        preview={{
          ...base,
          valid: true,
          tagExists: true,
          image: {
            __typename: 'Manifest',
            digest: 'sha256:abc',
            mediaType: 'application/vnd.oci.image.index.v1+json',
            size: 2048,
            os: 'linux',
            architecture: 'amd64',
            variant: null,
            platforms: [
              { __typename: 'Platform', os: 'linux', architecture: 'amd64', variant: null, digest: 'sha256:1', size: 1 },
              { __typename: 'Platform', os: 'linux', architecture: 'arm64', variant: 'v8', digest: 'sha256:2', size: 1 },
            ],
          },
        }}
        onPickTag={() => {}}
      />,
    );
    expect(screen.getByText('sha256:abc')).toBeTruthy();
    expect(screen.getByText('linux/amd64, linux/arm64/v8')).toBeTruthy();
    expect(screen.getByText('可以添加：镜像源可访问，标签存在')).toBeTruthy();
  });
});
