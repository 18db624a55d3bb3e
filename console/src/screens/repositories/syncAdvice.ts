/**
 * What to do about a failed sync, per error code (SyncError.code): the product document's FAQ Q1
 * (镜像同步失败怎么办？), its Q2 (timeouts) and its security advice, made specific to the code. Each advice is
 * i18n keys under syncAdvice.<CODE>: cause (one sentence) and step1… (in order); atSource says whether the fix is
 * in the registry source's settings (the page then links to 镜像源), atPolicy whether it is in 同步设置.
 * A code the console does not know gets FAQ Q1's general checks and causes (troubleshooting.*).
 */
export const SYNC_ERROR_CODES = [
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'TIMEOUT',
  'NETWORK',
  'TLS',
  'INVALID_MANIFEST',
  'DIGEST_MISMATCH',
  'UNSUPPORTED_MEDIA_TYPE',
  'REGISTRY_ERROR',
  'FORBIDDEN_HOST',
  'LIMIT_EXCEEDED',
  'SOURCE_UNAVAILABLE',
] as const;

export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export interface SyncAdvice {
  /** the code's own advice, or null: FAQ Q1's general checks */
  code: SyncErrorCode | null;
  /** i18n keys of the likely cause (one), or of FAQ Q1's common causes (general advice) */
  causes: string[];
  /** i18n keys of the steps, in order */
  steps: string[];
  /** the fix is in the registry source's settings: link to 镜像源 */
  atSource: boolean;
  /** the fix is in the repository's 同步设置 */
  atPolicy: boolean;
}

const STEPS: Record<SyncErrorCode, number> = {
  NOT_FOUND: 3,
  UNAUTHORIZED: 3,
  FORBIDDEN: 3,
  RATE_LIMITED: 3,
  TIMEOUT: 3,
  NETWORK: 3,
  TLS: 3,
  INVALID_MANIFEST: 3,
  DIGEST_MISMATCH: 3,
  UNSUPPORTED_MEDIA_TYPE: 2,
  REGISTRY_ERROR: 3,
  FORBIDDEN_HOST: 2,
  LIMIT_EXCEEDED: 2,
  SOURCE_UNAVAILABLE: 3,
};

const AT_SOURCE = new Set<SyncErrorCode>([
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'NETWORK',
  'TLS',
  'REGISTRY_ERROR',
  'FORBIDDEN_HOST',
  'SOURCE_UNAVAILABLE',
]);

const AT_POLICY = new Set<SyncErrorCode>(['TIMEOUT', 'RATE_LIMITED']);

export function isSyncErrorCode(code: string): code is SyncErrorCode {
  return (SYNC_ERROR_CODES as readonly string[]).includes(code);
}

/** The advice for a failed sync's code. */
export function syncAdvice(code: string): SyncAdvice {
  if (!isSyncErrorCode(code)) {
    return {
      code: null,
      causes: [1, 2, 3, 4].map((n) => `troubleshooting.cause${n}`),
      steps: [1, 2, 3, 4].map((n) => `troubleshooting.step${n}`),
      atSource: false,
      atPolicy: false,
    };
  }
  return {
    code,
    causes: [`syncAdvice.${code}.cause`],
    steps: Array.from({ length: STEPS[code] }, (_, i) => `syncAdvice.${code}.step${i + 1}`),
    atSource: AT_SOURCE.has(code),
    atPolicy: AT_POLICY.has(code),
  };
}
