import { describe, expect, it } from 'vitest';
import { durationProblem, formatBytes, parseGoDuration, SYNC_INTERVAL_RANGE, SYNC_TIMEOUT_RANGE } from './format';

describe('formatBytes', () => {
  it('is exact below 1 KB and has one decimal above', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(142 * 1024 * 1024)).toBe('142.0 MB');
    expect(formatBytes(null)).toBe('—');
  });
});

describe('Go durations of the sync policy', () => {
  it('reads what the document writes', () => {
    expect(parseGoDuration('30m')).toBe(30 * 60_000);
    expect(parseGoDuration('1h30m')).toBe(90 * 60_000);
    expect(parseGoDuration('1.5h')).toBe(90 * 60_000);
    expect(parseGoDuration('15m')).toBe(15 * 60_000);
    expect(parseGoDuration('1 hour')).toBeNull();
    expect(parseGoDuration('60')).toBeNull();
  });

  it('keeps the interval within 1m to 720h and the timeout within 10s to 24h', () => {
    expect(durationProblem('2h', SYNC_INTERVAL_RANGE)).toBeNull();
    expect(durationProblem('30s', SYNC_INTERVAL_RANGE)).toBe('range');
    expect(durationProblem('721h', SYNC_INTERVAL_RANGE)).toBe('range');
    expect(durationProblem('soon', SYNC_INTERVAL_RANGE)).toBe('format');
    expect(durationProblem('', SYNC_INTERVAL_RANGE)).toBeNull();
    expect(durationProblem('5s', SYNC_TIMEOUT_RANGE)).toBe('range');
    expect(durationProblem('10m', SYNC_TIMEOUT_RANGE)).toBeNull();
  });
});
