// One JSON object per line on stdout: what Loki (via Alloy) reads, with `level`, `msg` and `time`.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * @param {{ level?: string, write?: (line: string) => void }} [options]
 */
export function createLogger(options = {}) {
  const threshold = LEVELS[options.level ?? 'info'] ?? LEVELS.info;
  const write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
  const emit = (level, msg, fields = {}) => {
    if (LEVELS[level] < threshold) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, service: 'node-api', ...fields }));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}
