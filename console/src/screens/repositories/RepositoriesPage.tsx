import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useApolloClient, useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../layout/EmptyText';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { RepositoriesDocument, TriggerSyncDocument, type RepositoryRowFragment } from '../../gql/graphql';
import { CreateRepositoryDrawer } from './CreateRepositoryDrawer';
import { DeleteSelectedDialog } from './DeleteSelectedDialog';
import { RowActions } from './RowActions';
import { ImportYamlButton } from './ImportYamlButton';
import { SyncStatusTag } from './SyncStatusTag';
import { useListContext } from './useListContext';
import { useLiveRepositories } from './useLiveRepositories';

const PAGE = 50;

export const rowKey = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;

function useDebounced<T>(value: T, ms: number) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function useTableHeight() {
  const measure = () => Math.max(320, window.innerHeight - 330);
  const [height, setHeight] = useState(measure);
  useEffect(() => {
    const onResize = () => setHeight(measure());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}

/** 镜像管理: the catalogue as the product document lays it out, live, scrolled page by page. */
export default function RepositoriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const namespace = params.get('namespace') || null;
  const [searchText, setSearchText] = useState(params.get('search') ?? '');
  const search = useDebounced(searchText.trim(), 300) || null;
  const [selected, setSelected] = useState<React.Key[]>([]);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const height = useTableHeight();
  const tableBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const next = new URLSearchParams(params);
    if (search) next.set('search', search);
    else next.delete('search');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [search, params, setParams]);

  const { data, loading, error, fetchMore } = useQuery(RepositoriesDocument, {
    variables: { namespace, search, first: PAGE },
    notifyOnNetworkStatusChange: true,
  });
  useLiveRepositories(namespace);

  const rows = useMemo(() => data?.repositories.edges.map((e) => e.node) ?? [], [data]);
  const total = data?.repositories.totalCount ?? 0;
  const pageInfo = data?.repositories.pageInfo;
  const { namespaces } = useListContext(namespace ? [namespace] : []);

  const [fetchingMore, setFetchingMore] = useState(false);
  const loadMore = useCallback(async () => {
    if (!pageInfo?.hasNextPage || fetchingMore) return;
    setFetchingMore(true);
    try {
      await fetchMore({ variables: { after: pageInfo.endCursor } });
    } finally {
      setFetchingMore(false);
    }
  }, [pageInfo, fetchingMore, fetchMore]);

  const onScroll = (event: React.UIEvent<HTMLDivElement>) => {
    const target = event.currentTarget;
    if (target.scrollHeight - target.scrollTop - target.clientHeight < 400) void loadMore();
  };
  // a first page shorter than the viewport shows no scroll bar: keep loading until one appears or all is there
  useEffect(() => {
    if (!loading && pageInfo?.hasNextPage && rows.length * 55 < height) void loadMore();
  }, [loading, pageInfo, rows.length, height, loadMore]);

  // antd's virtual table draws its body as plain divs below a header <table>: give the body the table roles (rows
  // and cells come from onRow and onCell), and let its scroll box take the focus so the list scrolls, and loads
  // on, by keyboard too. TODO: one grid with the header's columns (aria-colindex) instead of two tables.
  // (antd re-creates these elements as the table changes between empty, loading and virtual: watch for them)
  const label = t('repositories.title');
  useEffect(() => {
    const box = tableBox.current;
    if (!box) return;
    const apply = () => {
      const set = (selector: string, attributes: Record<string, string>) => {
        const element = box.querySelector<HTMLElement>(selector);
        Object.entries(attributes).forEach(([name, value]) => {
          if (element && element.getAttribute(name) !== value) element.setAttribute(name, value);
        });
      };
      set('.ant-table-body', { tabindex: '0', 'aria-label': label });
      set('.ant-table-tbody-virtual-holder', { role: 'table', tabindex: '0', 'aria-label': label });
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(box, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);

  const setNamespace = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set('namespace', value);
    else next.delete('namespace');
    setParams(next);
    setSelected([]);
  };

  const selectedRefs = useMemo(() => {
    const keys = new Set(selected.map(String));
    return rows.filter((r) => keys.has(rowKey(r))).map((r) => ({ namespace: r.namespace, name: r.name }));
  }, [selected, rows]);

  const syncSelected = async () => {
    // TODO(issue 12): one triggerSyncs(refs) call instead of one triggerSync per repository
    const results = await Promise.allSettled(
      selectedRefs.map((ref) => client.mutate({ mutation: TriggerSyncDocument, variables: ref })),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length === 0) {
      void message.success(t('repositories.syncRequested', { count: selectedRefs.length }));
    } else {
      void message.error(
        `${t('repositories.syncPartly', { failed: failed.length })}: ${errorMessage((failed[0] as PromiseRejectedResult).reason)}`,
      );
    }
  };

  const selectedKeys = new Set(selected.map(String));
  const allSelected = rows.length > 0 && rows.every((r) => selectedKeys.has(rowKey(r)));
  const columns: TableColumnsType<RepositoryRowFragment> = ([
    {
      // 选择: a column of its own (not antd's rowSelection) so that its cells carry the table roles too; the header
      // keeps the document's word (antd copies titles into a hidden measuring row, where a checkbox may not be)
      title: t('repositories.columns.select'),
      key: 'select',
      width: 48,
      render: (_, r) => (
        <Checkbox
          aria-label={t('repositories.selectRow', { name: r.name })}
          checked={selectedKeys.has(rowKey(r))}
          onChange={(e) =>
            setSelected((keys) =>
              e.target.checked ? [...keys, rowKey(r)] : keys.filter((k) => k !== rowKey(r)),
            )
          }
        />
      ),
    },
    {
      title: t('repositories.columns.name'),
      key: 'name',
      width: 200,
      render: (_, r) => (
        <span className="name-cell">
          <Link to={`/repositories/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`}>{r.name}</Link>
          {r.displayName && <span className="alias">{r.displayName}</span>}
        </span>
      ),
    },
    { title: t('repositories.columns.namespace'), dataIndex: 'namespace', key: 'namespace', width: 110 },
    {
      title: t('repositories.columns.registry'),
      key: 'registry',
      width: 160,
      // the source's host (Repository.domain); its name when the source is gone
      render: (_, r) => r.domain || r.registryRef.name,
    },
    { title: t('repositories.columns.image'), dataIndex: 'image', key: 'image', width: 240, ellipsis: true },
    {
      title: t('repositories.columns.lastSynced'),
      dataIndex: 'lastSynced',
      key: 'lastSynced',
      width: 160,
      render: (value: string | null) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—'),
    },
    {
      title: t('repositories.columns.syncStatus'),
      dataIndex: 'syncStatus',
      key: 'syncStatus',
      width: 110,
      render: (_, r) => <SyncStatusTag status={r.syncStatus} />,
    },
    {
      title: t('repositories.columns.actions'),
      key: 'actions',
      width: 64,
      fixed: 'right',
      render: (_, r) => <RowActions repository={r} />,
    },
  ] as TableColumnsType<RepositoryRowFragment>).map((column) => ({
    ...column,
    onCell: () => ({ role: 'cell' }) as React.HTMLAttributes<HTMLElement>,
  }));

  return (
    <>
      <div className="page-header">
        <Space size="middle" wrap>
          <Select
            aria-label={t('repositories.namespace')}
            value={namespace ?? ''}
            onChange={setNamespace}
            style={{ minWidth: 180 }}
            options={[
              { value: '', label: t('repositories.allNamespaces') },
              ...namespaces.map((n) => ({ value: n, label: n })),
            ]}
          />
          <Typography.Title level={1} style={{ fontSize: 20 }}>
            {t('repositories.title')}
          </Typography.Title>
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('repositories.add')}
        </Button>
      </div>
      <div className="toolbar">
        <Input.Search
          aria-label={t('repositories.search')}
          placeholder={t('repositories.searchPlaceholder')}
          allowClear
          value={searchText}
          onChange={(e) => setSearchText(e.target.value)}
          onSearch={(value) => setSearchText(value)}
          style={{ maxWidth: 360 }}
        />
        <Space>
          <Checkbox
            checked={allSelected}
            indeterminate={!allSelected && selectedKeys.size > 0}
            disabled={rows.length === 0}
            onChange={(e) => setSelected(e.target.checked ? rows.map(rowKey) : [])}
          >
            {t('repositories.selectAll')}
          </Checkbox>
          <ImportYamlButton />
          <Button icon={<SyncOutlined />} disabled={selectedRefs.length === 0} onClick={() => void syncSelected()}>
            {t('repositories.syncSelected')}
          </Button>
          <Button
            danger
            icon={<DeleteOutlined />}
            disabled={selectedRefs.length === 0}
            onClick={() => setDeleting(true)}
          >
            {t('repositories.deleteSelected')}
          </Button>
        </Space>
      </div>
      {error && <Typography.Text type="danger">{t('common.error', { message: errorMessage(error) })}</Typography.Text>}
      <div ref={tableBox}>
      <Table<RepositoryRowFragment>
        virtual
        size="middle"
        rowKey={rowKey}
        columns={columns}
        dataSource={rows}
        loading={loading && rows.length === 0}
        pagination={false}
        scroll={{ x: 1092, y: height }}
        onScroll={onScroll}
        locale={{ emptyText: <EmptyText>{t('repositories.empty')}</EmptyText> }}
        onRow={(r) => ({
          onClick: (event) => {
            const target = event.target as HTMLElement;
            if (target.closest('a, button, input, label, .ant-checkbox-wrapper, .ant-dropdown-trigger')) return;
            void navigate(`/repositories/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`);
          },
          style: { cursor: 'pointer' },
          role: 'row',
        })}
      />
      </div>
      <div className="list-footer" role="status">
        <span>{t('repositories.loaded', { loaded: rows.length, total })}</span>
        {data && !pageInfo?.hasNextPage && <span>{t('repositories.allLoaded')}</span>}
      </div>
      <CreateRepositoryDrawer open={creating} onClose={() => setCreating(false)} namespace={namespace} />
      <DeleteSelectedDialog
        open={deleting}
        refs={selectedRefs}
        onClose={(deleted) => {
          setDeleting(false);
          if (deleted) setSelected([]);
        }}
      />
    </>
  );
}
