import { lazy, memo, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Checkbox, Input, Select, Space, Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { DeleteOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useApolloClient, useQuery } from '@apollo/client/react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../layout/EmptyText';
import { useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import {
  RepositoriesDocument,
  RepositoryStatusCountsDocument,
  TriggerSyncsDocument,
  type RepositoryFilterInput,
  type RepositoryOrderField,
  type RepositoryRowFragment,
  type SyncStatus,
} from '../../gql/graphql';
import { RowActions } from './RowActions';
import { ImportYamlButton } from './ImportYamlButton';
import { ExportYamlButton } from './ExportYamlButton';
import { RowLastSynced, RowSyncStatus } from './LiveRowStatus';
import { useListContext } from './useListContext';
import { useListPermissions } from './useListPermissions';
import { screenHeading, useFocusReturn } from '../../layout/focus';
import { useLiveRepositories } from './useLiveRepositories';
import { useRepositoryPages } from './useRepositoryPages';
import { correctListCounts } from './liveCache';

// the create panel (Form, Drawer, AutoComplete, the check's Descriptions) and the batch delete dialog are chunks of
// their own, loaded when first opened: the list's first screen does not carry them
const CreateRepositoryDrawer = lazy(() =>
  import('./CreateRepositoryDrawer').then((m) => ({ default: m.CreateRepositoryDrawer })),
);

const DeleteSelectedDialog = lazy(() =>
  import('./DeleteSelectedDialog').then((m) => ({ default: m.DeleteSelectedDialog })),
);

const PAGE = 50;

const STATUSES: SyncStatus[] = ['SUCCESS', 'SYNCING', 'FAILED', 'PENDING'];
const STATUS_COUNT_FIELD = { SUCCESS: 'success', SYNCING: 'syncing', FAILED: 'failed', PENDING: 'pending' } as const;
/** The sortable columns and the order each asks the gateway for. */
const SORTS: Record<string, RepositoryOrderField> = {
  name: 'NAME',
  lastSynced: 'LAST_SYNCED',
  syncStatus: 'SYNC_STATUS',
  createdAt: 'CREATED',
};

const ROW_STYLE = { cursor: 'pointer' };
/**
 * Every body row's height in px (styles.css, `.repositories-table`: cells of this height, one line centred): told
 * to the virtual list (`listItemHeight`), so the heights it measures of the rows scrolled in are the ones it
 * assumed, and the rows in view and the scroll bar do not move as it measures.
 */
export const ROW_HEIGHT = 55;
// antd's Table passes listItemHeight on to rc-table's virtual body (it sets its own from the theme's size first)
const VIRTUAL_ROW = { listItemHeight: ROW_HEIGHT } as object;

/**
 * 选择 of one row: a plain checkbox (the list mounts ~18 rows a frame while it scrolls; antd's Checkbox brings its
 * wave, style and context hooks to each), styled in styles.css (`.row-check`) like the toolbar's.
 */
const RowCheck = memo(function RowCheck({
  rowId,
  label,
  checked,
  onToggle,
}: {
  rowId: string;
  label: string;
  checked: boolean;
  onToggle: (rowId: string, checked: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      className="row-check"
      aria-label={label}
      checked={checked}
      onChange={(e) => onToggle(rowId, e.target.checked)}
    />
  );
});
const cellRole = () => ({ role: 'cell' }) as React.HTMLAttributes<HTMLElement>;

export const rowKey = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;
const repositoryPath = (r: { namespace: string; name: string }) =>
  `/repositories/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`;

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
  const statusParam = params.get('status') as SyncStatus | null;
  const status = statusParam && STATUSES.includes(statusParam) ? statusParam : null;
  const sortKey = params.get('sort') && SORTS[params.get('sort')!] ? params.get('sort')! : null;
  const descending = params.get('dir') === 'desc';
  const orderBy = sortKey ? { field: SORTS[sortKey], direction: descending ? ('DESC' as const) : ('ASC' as const) } : null;
  const [selected, setSelected] = useState<React.Key[]>([]);
  // select all matching: every repository of the list's filter, also those on pages not loaded
  const [allMatching, setAllMatching] = useState(false);
  const [creating, setCreating] = useState(false);
  // mounted from its first opening on (it keeps its state between openings, as before it was lazy)
  const [createMounted, setCreateMounted] = useState(false);
  if (creating && !createMounted) setCreateMounted(true);
  const [deleting, setDeleting] = useState(false);
  const [deleteMounted, setDeleteMounted] = useState(false);
  if (deleting && !deleteMounted) setDeleteMounted(true);
  // after 删除选中 the button is disabled (nothing selected) and the rows are gone: the keyboard goes to the heading
  const deleteButton = useRef<HTMLButtonElement>(null);
  const deletedSelection = useRef(false);
  useFocusReturn(deleting, () => (deletedSelection.current ? null : deleteButton.current), () => screenHeading());
  const height = useTableHeight();
  const tableBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const next = new URLSearchParams(params);
    if (search) next.set('search', search);
    else next.delete('search');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [search, params, setParams]);

  const syncStatus = status ? [status] : null;
  // the loaded pages, each its own cache entry, joined (listPages.ts): a page's cost does not grow with the rows loaded
  const list = useRepositoryPages({ namespace, search, syncStatus, orderBy }, PAGE);
  const { rows, total, loading, error, loadMore } = list;
  // the counts of each status (and each namespace's count) follow the live events: read again, at most once a second
  const { data: countsData, refetch: refetchCounts } = useQuery(RepositoryStatusCountsDocument, {
    variables: { namespace, search },
    fetchPolicy: 'no-cache',
  });
  const { counted, refetch: refetchNamespaces } = useListContext(namespace ? [namespace] : []);
  const recount = useRef<ReturnType<typeof setTimeout> | null>(null);
  const counting = useRef({ namespace, search });
  counting.current = { namespace, search };
  const scheduleRecount = useCallback(() => {
    if (recount.current) return;
    recount.current = setTimeout(() => {
      recount.current = null;
      // the re-count also sets the lists' own count, which the live events alone can leave off (correctListCounts)
      const where = counting.current;
      void refetchCounts(where).then(({ data }) => {
        if (data) correctListCounts(client.cache, where, data.repositories);
      });
      void refetchNamespaces();
    }, 1000);
  }, [client, refetchCounts, refetchNamespaces]);
  useEffect(() => () => {
    if (recount.current) clearTimeout(recount.current);
  }, []);
  // the live updates follow the first page's read; when they end (too far behind to catch up) the list is read again
  const readAgain = useCallback(() => {
    void client.refetchQueries({ include: [RepositoriesDocument] });
    scheduleRecount();
  }, [client, scheduleRecount]);
  useLiveRepositories(namespace, undefined, scheduleRecount, scheduleRecount, { after: list.liveCursor, onLost: readAgain });
  const { canRead, canEdit, canDelete, editableNamespaces } = useListPermissions(namespace);

  const statusCounts = countsData?.repositories.statusCounts;
  const filter: RepositoryFilterInput = { namespace, search, syncStatus };

  // a new filter or order is a new list: its selection starts empty
  const listKey = JSON.stringify([namespace, search, status, orderBy]);
  useEffect(() => {
    setSelected([]);
    setAllMatching(false);
  }, [listKey]);

  const onScroll = (event: React.UIEvent<HTMLDivElement>) => {
    const target = event.currentTarget;
    if (target.scrollHeight - target.scrollTop - target.clientHeight < 400) loadMore();
  };
  // a first page shorter than the viewport shows no scroll bar: keep loading until one appears or all is there
  useEffect(() => {
    if (!loading && list.hasNextPage && !list.fetchingMore && rows.length * ROW_HEIGHT < height) loadMore();
  }, [loading, list.hasNextPage, list.fetchingMore, rows.length, height, loadMore]);

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

  const setParam = (values: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    Object.entries(values).forEach(([key, value]) => (value ? next.set(key, value) : next.delete(key)));
    setParams(next);
  };
  const setNamespace = (value: string) => setParam({ namespace: value || null });

  const onTableChange: TableProps<RepositoryRowFragment>['onChange'] = (_pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = one?.order ? String(one.columnKey) : null;
    setParam({ sort: key && SORTS[key] ? key : null, dir: key && one.order === 'descend' ? 'desc' : null });
  };
  const sortOrderOf = (key: string) => (sortKey === key ? (descending ? 'descend' : 'ascend') : null);

  const selectedRefs = useMemo(() => {
    const keys = new Set(selected.map(String));
    return rows.filter((r) => keys.has(rowKey(r))).map((r) => ({ namespace: r.namespace, name: r.name }));
  }, [selected, rows]);

  const selectionCount = allMatching ? total : selectedRefs.length;
  const syncSelected = async () => {
    try {
      const { data: result } = await client.mutate({
        mutation: TriggerSyncsDocument,
        variables: allMatching ? { filter, confirmCount: total } : { refs: selectedRefs },
      });
      const batch = result?.triggerSyncs;
      if (!batch || batch.failed === 0) {
        void message.success(t('repositories.syncRequested', { count: batch?.succeeded ?? selectionCount }));
        return;
      }
      // each item fails on its own: name the first few
      const failures = batch.items
        .filter((item) => !item.ok)
        .slice(0, 3)
        .map((item) => `${item.namespace}/${item.name}: ${item.error?.message ?? ''}`);
      void message.error(`${t('repositories.syncPartly', { failed: batch.failed })}: ${failures.join('; ')}`, 8);
    } catch (failure) {
      void message.error(errorMessage(failure), 8);
    }
  };

  const selectedKeys = useMemo(() => new Set(selected.map(String)), [selected]);
  const toggleRow = useCallback((key: string, checked: boolean) => {
    setAllMatching(false);
    setSelected((keys) => (checked ? [...keys, key] : keys.filter((k) => k !== key)));
  }, []);
  // the words each row shows, read once per language (a row holds no translation hook)
  const statusLabels = useMemo(
    () => Object.fromEntries(STATUSES.map((s) => [s, t(`status.${s}`)])) as Record<SyncStatus, string>,
    [t],
  );
  const more = t('repositories.more');
  const allSelected = rows.length > 0 && rows.every((r) => selectedKeys.has(rowKey(r)));
  // the columns (and the row props below) stay the same objects while only data changes: the virtual table then
  // draws the rows scrolled into view, not every row again; a live status redraws its own cell (LiveRowStatus)
  const columns = useMemo(
    () =>
      ([
        {
          // 选择: a column of its own (not antd's rowSelection) so that its cells carry the table roles too; the
          // header keeps the document's word (antd copies titles into a hidden measuring row, where a checkbox may not be)
          title: t('repositories.columns.select'),
          key: 'select',
          width: 48,
          render: (_, r) => (
            <RowCheck
              rowId={rowKey(r)}
              label={t('repositories.selectRow', { name: r.name })}
              checked={selectedKeys.has(rowKey(r))}
              onToggle={toggleRow}
            />
          ),
        },
        {
          title: t('repositories.columns.name'),
          key: 'name',
          width: 180,
          sorter: true,
          sortOrder: sortOrderOf('name'),
          render: (_, r) => (
            <span className="name-cell">
              {/* a plain link (no router hooks per row): onRow's click opens it in the console, as a Link does */}
              <a className="row-link" href={repositoryPath(r)}>
                {r.name}
              </a>
              {r.displayName && <span className="alias">{r.displayName}</span>}
            </span>
          ),
        },
        { title: t('repositories.columns.namespace'), dataIndex: 'namespace', key: 'namespace', width: 110 },
        {
          title: t('repositories.columns.registry'),
          key: 'registry',
          width: 140,
          ellipsis: true,
          // the source's host (Repository.domain); its name when the source is gone
          render: (_, r) => r.domain || r.registryRef.name,
        },
        { title: t('repositories.columns.image'), dataIndex: 'image', key: 'image', width: 200, ellipsis: true },
        {
          title: t('repositories.columns.lastSynced'),
          dataIndex: 'lastSynced',
          key: 'lastSynced',
          width: 160,
          sorter: true,
          sortOrder: sortOrderOf('lastSynced'),
          render: (_, r) => <RowLastSynced repository={r} />,
        },
        {
          // 创建时间: when the repository was added, sorted by orderBy CREATED (a second click: newest first)
          title: t('repositories.columns.createdAt'),
          dataIndex: 'createdAt',
          key: 'createdAt',
          width: 160,
          sorter: true,
          sortOrder: sortOrderOf('createdAt'),
          render: (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm:ss'),
        },
        {
          title: t('repositories.columns.syncStatus'),
          dataIndex: 'syncStatus',
          key: 'syncStatus',
          width: 110,
          sorter: true,
          sortOrder: sortOrderOf('syncStatus'),
          render: (_, r) => <RowSyncStatus repository={r} labels={statusLabels} />,
        },
        {
          title: t('repositories.columns.actions'),
          key: 'actions',
          width: 64,
          fixed: 'right',
          render: (_, r) => <RowActions repository={r} more={more} />,
        },
      ] as TableColumnsType<RepositoryRowFragment>).map((column) => ({ ...column, onCell: cellRole })),
    // sortOrderOf reads sortKey and descending
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, selectedKeys, sortKey, descending, toggleRow, statusLabels, more],
  );
  const scroll = useMemo(() => ({ x: 1172, y: height }), [height]);
  const tableLocale = useMemo(() => ({ emptyText: <EmptyText>{t('repositories.empty')}</EmptyText> }), [t]);
  const onRow = useCallback(
    (r: RepositoryRowFragment) => ({
      onClick: (event: React.MouseEvent) => {
        const target = event.target as HTMLElement;
        // React passes on clicks inside the row's portals too (the 「⋯」 menu, its dialogs): not the row's
        if (!event.currentTarget.contains(target)) return;
        // the name's link (a click or Enter) opens the repository in the console; with a modifier key or another
        // button the browser's own way (a new tab, a new window), as react-router's Link does
        const link = target.closest<HTMLAnchorElement>('a.row-link');
        if (link) {
          if (event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          void navigate(repositoryPath(r));
          return;
        }
        if (target.closest('a, button, input, label, .ant-checkbox-wrapper, .ant-dropdown-trigger')) return;
        void navigate(repositoryPath(r));
      },
      style: ROW_STYLE,
      role: 'row',
    }),
    [navigate],
  );

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
              ...counted.map((n) => ({
                value: n.name,
                label: n.repositoryCount === null ? n.name : t('repositories.namespaceOption', n),
              })),
            ]}
          />
          <h1 className="page-title">{t('repositories.title')}</h1>
        </Space>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('repositories.add')}
          </Button>
        )}
      </div>
      <div className="status-counts" role="group" aria-label={t('repositories.statusCounts')}>
        {STATUSES.map((s) => (
          <Button
            key={s}
            size="small"
            type={status === s ? 'primary' : 'default'}
            aria-pressed={status === s}
            onClick={() => setParam({ status: status === s ? null : s })}
          >
            {t(`status.${s}`)} {statusCounts ? statusCounts[STATUS_COUNT_FIELD[s]] : '–'}
          </Button>
        ))}
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
            onChange={(e) => {
              setSelected(e.target.checked ? rows.map(rowKey) : []);
              setAllMatching(false);
            }}
          >
            {t('repositories.selectAll')}
          </Checkbox>
          {allSelected && !allMatching && list.hasNextPage && (
            <Button type="link" onClick={() => setAllMatching(true)}>
              {t('repositories.selectAllMatching', { count: total })}
            </Button>
          )}
          {allMatching && (
            <>
              <span role="status">{t('repositories.allMatchingSelected', { count: total })}</span>
              <Button
                type="link"
                onClick={() => {
                  setAllMatching(false);
                  setSelected([]);
                }}
              >
                {t('repositories.clearSelection')}
              </Button>
            </>
          )}
          {canEdit && <ImportYamlButton />}
          {canRead && <ExportYamlButton namespace={namespace} />}
          {canEdit && (
            <Button icon={<SyncOutlined />} disabled={selectionCount === 0} onClick={() => void syncSelected()}>
              {t('repositories.syncSelected')}
            </Button>
          )}
          {canDelete && (
            <Button
              ref={deleteButton}
              danger
              icon={<DeleteOutlined />}
              disabled={selectionCount === 0}
              onClick={() => {
                deletedSelection.current = false;
                setDeleting(true);
              }}
            >
              {t('repositories.deleteSelected')}
            </Button>
          )}
        </Space>
      </div>
      {error && <span className="text-danger">{t('common.error', { message: errorMessage(error) })}</span>}
      <div ref={tableBox} className="repositories-table">
      <Table<RepositoryRowFragment>
        virtual
        {...VIRTUAL_ROW}
        size="middle"
        // the repository's id: a string the row already holds (the virtual list reads every row's key each frame)
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading && rows.length === 0}
        pagination={false}
        scroll={scroll}
        onScroll={onScroll}
        onChange={onTableChange}
        locale={tableLocale}
        onRow={onRow}
      />
      </div>
      <div className="list-footer" role="status">
        <span>{t('repositories.loaded', { loaded: rows.length, total })}</span>
        {list.loaded && !list.hasNextPage && <span>{t('repositories.allLoaded')}</span>}
      </div>
      {createMounted && (
        <Suspense fallback={null}>
          {/* with 全部项目 the panel starts in a namespace the caller may add to (a namespaced editor's) */}
          <CreateRepositoryDrawer
            open={creating}
            onClose={() => setCreating(false)}
            namespace={namespace ?? editableNamespaces[0] ?? null}
          />
        </Suspense>
      )}
      {deleteMounted && (
        <Suspense fallback={null}>
          <DeleteSelectedDialog
            open={deleting}
            refs={selectedRefs}
            filter={allMatching ? filter : null}
            count={selectionCount}
            onClose={(deleted) => {
              deletedSelection.current = deleted;
              setDeleting(false);
              if (deleted) {
                setSelected([]);
                setAllMatching(false);
                // read again once the gateway answered (every deletion is in its read model then): the live updates
                // take out the loaded rows, but a page read while the batch was still deleting would keep its count
                readAgain();
              }
            }}
          />
        </Suspense>
      )}
    </>
  );
}
