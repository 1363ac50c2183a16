import * as vscode from 'vscode';
import type { StackOptionsInput } from '../stack/options';
import { SETTING_DEFAULTS, type SettingKey, type SettingValue } from './settingKeys';

/**
 * One setting, read fresh (the user may change it at any moment), with the default declared in settingKeys.ts.
 * Resource-scoped settings: without a resource, `null` asks for the value that applies to any resource.
 */
export function setting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValue<K> {
  return vscode.workspace
    .getConfiguration('starterStack', scope ?? null)
    .get<SettingValue<K>>(key, SETTING_DEFAULTS[key]);
}

/** Sets a setting for this workspace. */
export async function updateWorkspaceSetting<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
  await vscode.workspace.getConfiguration('starterStack').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** The stack's generation settings. */
export interface Settings {
  readonly namespace: string;
  readonly imagePrefix: string;
  readonly imageTag: string;
  readonly ingressHost: string;
  readonly outputFolder: string;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  return {
    namespace: setting('namespace', scope),
    imagePrefix: setting('imagePrefix', scope),
    imageTag: setting('imageTag', scope),
    ingressHost: setting('ingressHost', scope),
    outputFolder: setting('outputFolder', scope),
  };
}

/** The stack's options as the settings give them (namespace, image prefix and tag, Ingress host), `chosen` on top. */
export function stackOptionsFrom(settings: Settings, chosen?: StackOptionsInput): StackOptionsInput {
  return {
    namespace: settings.namespace,
    imagePrefix: settings.imagePrefix,
    tag: settings.imageTag,
    host: settings.ingressHost,
    ...chosen,
  };
}
