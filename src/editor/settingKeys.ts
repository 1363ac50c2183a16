// Every setting the extension contributes, with its default: the one place the readers take keys and defaults from.
// Free of `vscode`, so a unit test can hold package.json's `contributes.configuration` to it.

/** `starterStack.<key>` → default, exactly as package.json declares it. */
export const SETTING_DEFAULTS = {
  namespace: 'starter',
  imagePrefix: 'starter-stack',
  imageTag: '0.1.0',
  ingressHost: '127.0.0.1.nip.io',
  outputFolder: 'k8s',
  'lint.enabled': true,
  'lint.workspace': true,
  'lint.rules': {} as Record<string, unknown>,
  lokiUrl: '',
  grafanaUrl: '',
  prometheusUrl: '',
  lokiTenant: '',
  logBufferLines: 50_000,
  kubeconfig: '',
  toolsPath: [] as string[],
};

export type SettingKey = keyof typeof SETTING_DEFAULTS;
export type SettingValue<K extends SettingKey> = (typeof SETTING_DEFAULTS)[K];
