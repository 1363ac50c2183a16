/** Where a team keeps its lint configuration, relative to the workspace folder (free of the YAML parser). */
export const CONFIG_FILE = '.starter-stack/lint.yaml';
