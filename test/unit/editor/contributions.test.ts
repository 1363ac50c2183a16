// package.json's contributions, the one settings module and the one command-id module must agree: a setting or a
// command declared in one place and not the other is a feature that silently does nothing.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLUSTER_COMMAND_IDS, EAGER_COMMAND_IDS, STACK_COMMAND_IDS } from '../../../src/editor/commandIds';
import { SETTING_DEFAULTS } from '../../../src/editor/settingKeys';

const ROOT = join(import.meta.dirname, '..', '..', '..');
interface Pkg {
  contributes: {
    configuration:
      | { properties: Record<string, { default?: unknown }> }
      | Array<{ properties: Record<string, { default?: unknown }> }>;
    commands: Array<{ command: string }>;
    menus: Record<string, Array<{ command: string }>>;
  };
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Pkg;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('settings: package.json and src/editor/settingKeys.ts', () => {
  const configuration = pkg.contributes.configuration;
  const properties = Object.assign(
    {},
    ...(Array.isArray(configuration) ? configuration : [configuration]).map((c) => c.properties),
  ) as Record<string, { default?: unknown }>;

  it('declare the same settings', () => {
    assert.deepEqual(
      Object.keys(properties)
        .map((k) => k.replace(/^starterStack\./, ''))
        .sort(),
      Object.keys(SETTING_DEFAULTS).sort(),
    );
  });

  it('declare the same defaults', () => {
    for (const [key, value] of Object.entries(SETTING_DEFAULTS))
      assert.deepEqual(properties[`starterStack.${key}`]?.default ?? {}, value, key);
  });

  it('is the only place that reads settings', () => {
    const readers = sources(join(ROOT, 'src')).filter((f) => readFileSync(f, 'utf8').includes('getConfiguration('));
    assert.deepEqual(
      readers.map((f) => f.slice(ROOT.length + 1)),
      ['src/editor/settings.ts'],
    );
  });
});

describe('commands: package.json, src/editor/commandIds.ts and the command classes', () => {
  const declared = pkg.contributes.commands.map((c) => c.command).sort();
  const registered = [...STACK_COMMAND_IDS, ...CLUSTER_COMMAND_IDS, ...EAGER_COMMAND_IDS];

  it('package.json declares exactly the registered commands, each once', () => {
    assert.deepEqual(declared, [...registered].sort());
    assert.equal(new Set(registered).size, registered.length);
  });

  it('every registered id has one command class, and every class id is registered', () => {
    const classIds = sources(join(ROOT, 'src', 'editor')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/readonly id = '(starterStack\.[\w.]+)'/g)].map((m) => m[1]!),
    );
    assert.deepEqual([...classIds].sort(), [...registered].sort());
  });

  it('menus name only declared commands', () => {
    const inMenus = Object.values(pkg.contributes.menus)
      .flat()
      .map((m) => m.command);
    assert.deepEqual(
      inMenus.filter((id) => !declared.includes(id)),
      [],
    );
  });
});
