/**
 * The `yaml` library reads `process.env.LOG_TOKENS` for every token it parses and `process.env.LOG_STREAM` for
 * every document it composes. In Node each read of `process.env` is a call into the C library's environment, and
 * those reads were more than half of the time a parse took (measured on the lint benchmark's 1,000 documents).
 * During one synchronous parse `process.env` is a plain object holding just those two variables, so the library
 * behaves as it would, only faster; the real environment is back before any other code runs.
 */
const YAML_VARIABLES = ['LOG_TOKENS', 'LOG_STREAM'] as const;

export function withPlainYamlEnv<T>(parse: () => T): T {
  const descriptor = Object.getOwnPropertyDescriptor(process, 'env');
  // An environment we may not swap (frozen by a host): parse with it as it is.
  if (!descriptor?.configurable) return parse();
  const env = process.env;
  const plain: Record<string, string> = {};
  for (const name of YAML_VARIABLES) {
    const value = env[name];
    if (value !== undefined) plain[name] = value;
  }
  Object.defineProperty(process, 'env', { ...descriptor, value: plain });
  try {
    return parse();
  } finally {
    Object.defineProperty(process, 'env', descriptor);
  }
}
