import type { AddRegistryInput, RegistryRowFragment, UpdateRegistryInput } from '../../gql/graphql';

/** What the 镜像源 drawer's form holds, for an add and for an edit. */
export interface RegistryFormValues {
  namespace: string;
  name: string;
  url: string;
  insecure?: boolean;
  username?: string;
  /** Never pre-filled: empty means "keep the stored one" when editing. */
  password?: string;
  /** Edit only: remove the stored password or token. */
  clearPassword?: boolean;
  description?: string;
  caCertificate?: string;
  concurrencyLimit?: number | null;
  shared?: boolean;
}

/** The form's starting values for an edit: the source as it is, and no password (secrets are write-only). */
export function editValues(r: RegistryRowFragment): RegistryFormValues {
  return {
    namespace: r.namespace,
    name: r.name,
    url: r.url,
    insecure: r.insecure,
    username: r.username ?? '',
    password: '',
    clearPassword: false,
    description: r.description ?? '',
    caCertificate: r.caCertificate ?? '',
    concurrencyLimit: r.concurrencyLimit,
    shared: r.shared,
  };
}

const text = (value: string | null | undefined) => (value ?? '').trim();

/** addRegistry's input: empty optional fields left out (the gateway's defaults apply). */
export function toAddInput(v: RegistryFormValues): AddRegistryInput {
  return {
    namespace: v.namespace.trim(),
    name: v.name.trim(),
    url: v.url.trim(),
    insecure: v.insecure ?? false,
    shared: v.shared ?? false,
    ...(text(v.username) ? { username: text(v.username) } : {}),
    ...(v.password ? { password: v.password } : {}),
    ...(text(v.description) ? { description: text(v.description) } : {}),
    ...(text(v.caCertificate) ? { caCertificate: text(v.caCertificate) } : {}),
    ...(v.concurrencyLimit != null ? { concurrencyLimit: v.concurrencyLimit } : {}),
  };
}

/**
 * updateRegistry's input from the edit form: a field the user did not change is left out (the gateway keeps it),
 * a text field the user emptied is sent as "" (the gateway clears it). The password is sent only when one was
 * typed, or as "" when 清除已保存的密码 is ticked.
 */
export function toUpdateInput(current: RegistryRowFragment, v: RegistryFormValues): UpdateRegistryInput {
  const input: UpdateRegistryInput = { namespace: current.namespace, name: current.name };
  if (text(v.url) !== current.url) input.url = text(v.url);
  if ((v.insecure ?? false) !== current.insecure) input.insecure = v.insecure ?? false;
  if ((v.shared ?? false) !== current.shared) input.shared = v.shared ?? false;
  if (text(v.description) !== text(current.description)) input.description = text(v.description);
  if (text(v.username) !== text(current.username)) input.username = text(v.username);
  if (text(v.caCertificate) !== text(current.caCertificate)) input.caCertificate = text(v.caCertificate);
  if (v.concurrencyLimit != null && v.concurrencyLimit !== current.concurrencyLimit) {
    input.concurrencyLimit = v.concurrencyLimit;
  }
  if (v.clearPassword) {
    if (current.hasCredentials) input.password = '';
  } else if (v.password) {
    input.password = v.password;
  }
  return input;
}

/** Whether an update input changes anything (more than the source's namespace and name). */
export function changesSomething(input: UpdateRegistryInput): boolean {
  return Object.keys(input).some((k) => k !== 'namespace' && k !== 'name');
}

/**
 * How many repositories an IN_USE refusal says use the source ("… is used by 3 repositories; …"), or the count the
 * list shows when the message names none.
 */
export function repositoriesInUse(message: string, listed: number): number {
  const match = /used by (\d+) repositor/.exec(message);
  return match ? Number(match[1]) : listed;
}
