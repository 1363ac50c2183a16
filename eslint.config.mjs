import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** src/ and the simulator it ships (sim/) are product: they never reach into test/. */
const testBan = {
  group: ['**/test/**', '../test', '../../test'],
  message: 'src/ and sim/ must not import test/: move what both need into src/ or sim/.',
};

/** @kubernetes/client-node loads only through src/kube/clientNode.ts, off the activation path (types are free). */
const clientNodeBan = {
  name: '@kubernetes/client-node',
  allowTypeImports: true,
  message: 'Import it from src/kube/clientNode.ts with `await import()`, so it stays off the activation path.',
};
const clientNodeDynamicBan = {
  selector: "ImportExpression[source.value='@kubernetes/client-node']",
  message: "Load @kubernetes/client-node through `await import('…/kube/clientNode')`.",
};

const vscodeBan = {
  paths: [
    clientNodeBan,
    {
      name: 'vscode',
      message:
        'The core (src/stack, src/kube, src/lint, src/observe, src/images, src/util) and the webview must not know they run in VS Code. Put editor code in src/editor.',
    },
  ],
  patterns: [
    { group: ['**/editor/**', '**/extension'], message: 'The core must not import the editor layer.' },
    testBan,
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'templates/**',
      '.vscode-test/**',
      'out/**',
      '*.vsix',
      'test/fixtures/activation-peer*/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // The product (src/) and the simulator it ships (sim/) never reach into the tests.
    files: ['src/**', 'sim/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [clientNodeBan], patterns: [testBan] }],
      'no-restricted-syntax': ['error', clientNodeDynamicBan],
    },
  },
  {
    files: [
      'src/stack/**',
      'src/kube/**',
      'src/lint/**',
      'src/observe/**',
      'src/images/**',
      'src/util/**',
      'webview/**',
    ],
    rules: { 'no-restricted-imports': ['error', vscodeBan] },
  },
  {
    files: ['src/kube/clientNode.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...vscodeBan, paths: vscodeBan.paths.filter((p) => p !== clientNodeBan) }],
    },
  },
  {
    // The webview protocol is compiled twice, for the Node host and for the browser webview: no Node, no vscode.
    files: ['src/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: vscodeBan.paths,
          patterns: [
            {
              group: ['node:*', '**/editor/**', '**/kube/**', '**/webview/**', '**/test/**'],
              message:
                'src/protocol is shared by the host and the browser webview: it imports only itself and src/observe/model.',
            },
          ],
        },
      ],
    },
  },
  {
    // CLIs, scripts, tests and the simulator talk to a terminal.
    files: ['src/cli.ts', 'src/cli/**', 'scripts/**', 'test/**', 'sim/**', '*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
