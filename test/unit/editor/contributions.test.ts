// package.json's contributions, the one settings module and the one command-id module must agree: a setting or a
// command declared in one place and not the other is a feature that silently does nothing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  CLUSTER_COMMAND_IDS,
  CONTEXT_KEYS,
  EAGER_COMMAND_IDS,
  STACK_COMMAND_IDS,
  TREE_ROW_COMMAND_IDS,
} from '../../../src/editor/commandIds';
import { SETTING_DEFAULTS } from '../../../src/editor/settingKeys';

const ROOT = join(import.meta.dirname, '..', '..', '..');
interface Pkg {
  contributes: {
    configuration:
      | { properties: Record<string, { default?: unknown }> }
      | Array<{ properties: Record<string, { default?: unknown }> }>;
    commands: Array<{ command: string }>;
    menus: Record<string, Array<{ command: string }>>;
    views: Record<string, Array<{ id: string }>>;
    viewsWelcome: Array<{ view: string; contents: string }>;
    walkthroughs: Array<{ id: string; steps: WalkthroughStep[] }>;
  };
}
interface WalkthroughStep {
  id: string;
  description: string;
  media: { image?: string | Record<string, string>; markdown?: string };
  completionEvents: string[];
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

  it("the row actions are the Cluster view's item menu, less Retry Connection (which needs no row)", () => {
    const itemMenu = new Set(pkg.contributes.menus['view/item/context']?.map((m) => m.command));
    itemMenu.delete('starterStack.retryConnection');
    assert.deepEqual([...TREE_ROW_COMMAND_IDS].sort(), [...itemMenu].sort());
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

describe('the first-run walkthrough: package.json, its media and the ids it names', () => {
  const declared = pkg.contributes.commands.map((c) => c.command);
  const views = Object.values(pkg.contributes.views)
    .flat()
    .map((v) => v.id);
  const [walkthrough] = pkg.contributes.walkthroughs;
  const steps = walkthrough?.steps ?? [];
  const commandLinks = (text: string) => [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!);
  // A view's focus command is VS Code's own: `<view id>.focus`.
  const known = (id: string) => declared.includes(id) || views.some((v) => id === `${v}.focus`);

  it('has the six steps of the first run, each completing on a real event', () => {
    assert.equal(steps.length, 6);
    for (const step of steps) assert.ok(step.completionEvents.length > 0, `${step.id} never completes`);
  });

  it('links and completes only on declared commands and views', () => {
    const missing = steps.flatMap((step) => [
      ...commandLinks(step.description).filter((id) => !known(id)),
      ...step.completionEvents
        .filter((e) => e.startsWith('onCommand:'))
        .map((e) => e.slice('onCommand:'.length))
        .filter((id) => !declared.includes(id)),
      ...step.completionEvents
        .filter((e) => e.startsWith('onView:'))
        .map((e) => e.slice('onView:'.length))
        .filter((id) => !views.includes(id)),
    ]);
    assert.deepEqual(missing, []);
  });

  it('completes on context keys the extension sets', () => {
    const keys = steps.flatMap((s) => s.completionEvents.filter((e) => e.startsWith('onContext:')));
    assert.ok(keys.length > 0, 'no step completes when a deploy finishes');
    const set = sources(join(ROOT, 'src', 'editor')).some((f) =>
      /executeCommand\('setContext', CONTEXT_KEYS\.deployed/.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(keys, [`onContext:${CONTEXT_KEYS.deployed}`]);
    assert.ok(set, `nothing sets ${CONTEXT_KEYS.deployed}`);
  });

  it('every media file exists', () => {
    const files = steps.flatMap((s) => [
      ...(typeof s.media.image === 'string' ? [s.media.image] : Object.values(s.media.image ?? {})),
      ...(s.media.markdown ? [s.media.markdown] : []),
    ]);
    assert.equal(files.length, steps.length);
    assert.deepEqual(
      files.filter((f) => !existsSync(join(ROOT, f))),
      [],
    );
  });

  it("the Cluster view's welcome content opens it", () => {
    const welcome = pkg.contributes.viewsWelcome.map((w) => w.contents).join('\n');
    const link = /\(command:workbench\.action\.openWalkthrough\?([^)]+)\)/.exec(welcome);
    assert.ok(link, 'no walkthrough link in the welcome content');
    const [id] = JSON.parse(decodeURIComponent(link[1]!)) as [string];
    assert.equal(id, `starter-stack.kubernetes-starter-stack#${walkthrough?.id}`);
  });
});
