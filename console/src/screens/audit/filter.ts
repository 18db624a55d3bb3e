import type { Dayjs } from 'dayjs';
import type { AuditLogFilter, AuditTargetKind } from '../../gql/graphql';

/** What the filter bar holds; empty fields are left out of the query. */
export interface AuditFilterValues {
  namespace?: string;
  actor?: string;
  /** One action or several, separated by commas or spaces. */
  actions?: string;
  targetKind?: AuditTargetKind | null;
  targetName?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function toAuditFilter(values: AuditFilterValues): AuditLogFilter {
  const filter: AuditLogFilter = {};
  const text = (v?: string) => v?.trim() || undefined;
  if (text(values.namespace)) filter.namespace = text(values.namespace);
  if (text(values.actor)) filter.actor = text(values.actor);
  if (text(values.targetName)) filter.targetName = text(values.targetName);
  if (values.targetKind) filter.targetKind = values.targetKind;
  const actions = (values.actions ?? '').split(/[\s,]+/).filter(Boolean);
  if (actions.length) filter.actions = actions;
  const [from, to] = values.range ?? [];
  if (from) filter.from = from.toISOString();
  if (to) filter.to = to.toISOString();
  return filter;
}

/**
 * The export's query string: GET /audit/export takes the AuditLogFilter's fields under the same names (actions
 * repeated), so the file holds exactly the entries the screen lists.
 */
export function exportQuery(filter: AuditLogFilter): string {
  const params = new URLSearchParams();
  if (filter.actor) params.set('actor', filter.actor);
  if (filter.namespace) params.set('namespace', filter.namespace);
  if (filter.targetKind) params.set('targetKind', filter.targetKind);
  if (filter.targetName) params.set('targetName', filter.targetName);
  for (const action of filter.actions ?? []) params.append('actions', action);
  if (filter.from) params.set('from', String(filter.from));
  if (filter.to) params.set('to', String(filter.to));
  const q = params.toString();
  return q ? `?${q}` : '';
}
