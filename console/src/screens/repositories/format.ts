/** Bytes for a person: 1 decimal in KB, MB, GB (powers of 1024); exact below 1 KB. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** A Go duration (30m, 1h30m, 1.5h, 90s) in milliseconds; null when it is not one. */
export function parseGoDuration(text: string): number | null {
  const s = text.trim();
  if (!s) return null;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    part.lastIndex = at;
    const match = part.exec(s);
    if (!match) return null;
    total += Number(match[1]) * UNIT_MS[match[2]];
    at = part.lastIndex;
  }
  return total;
}

/** The gateway's bounds (addRepository, editRepositorySyncPolicy) for the sync policy's durations. */
export const SYNC_INTERVAL_RANGE = { min: 60_000, max: 720 * 3_600_000, text: '1m – 720h' };
export const SYNC_TIMEOUT_RANGE = { min: 10_000, max: 24 * 3_600_000, text: '10s – 24h' };

/** Why a duration does not fit its range ('format' or 'range'), or null when it does. Empty is allowed. */
export function durationProblem(text: string | undefined, range: { min: number; max: number }): 'format' | 'range' | null {
  if (!text || !text.trim()) return null;
  const ms = parseGoDuration(text);
  if (ms == null) return 'format';
  return ms < range.min || ms > range.max ? 'range' : null;
}
