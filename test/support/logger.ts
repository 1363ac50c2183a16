import type { Logger } from '../../src/util/log';

/** A Logger that keeps every info, warning and error line (not traces) in `lines`, for tests to read. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    trace() {},
    info: (m) => void lines.push(m),
    warn: (m) => void lines.push(m),
    error: (m) => void lines.push(m),
  };
}
