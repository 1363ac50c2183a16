import { randomBytes } from 'node:crypto';
import { parseEnvText, SECRETS_ENV_HEADER } from '../kube/kustomize';
import type { ComponentId } from './components';

/** The generated passwords. */
export interface StackSecrets {
  readonly mongo: string;
  readonly postgres: string;
  readonly postgresGo: string;
  readonly grafana: string;
}

/** The Secret the kustomization's secretGenerator builds from secrets.env; the Deployments reference its keys. */
export const CREDENTIALS_SECRET = 'starter-stack-credentials';
/** The env file of generated credentials (mode 0600, listed in the generated .gitignore). */
export const SECRETS_ENV_FILE = 'secrets.env';
/** Its committed twin: the same keys without values. */
export const SECRETS_EXAMPLE_FILE = 'secrets.env.example';
export const GITIGNORE_FILE = '.gitignore';

/** Which env key holds which password, and the component that needs it (its key is written only with it). */
export const SECRET_KEYS: ReadonlyArray<{ key: string; password: keyof StackSecrets; component: ComponentId }> = [
  { key: 'MONGO_ROOT_PASSWORD', password: 'mongo', component: 'mongo' },
  { key: 'POSTGRES_PASSWORD', password: 'postgres', component: 'postgres' },
  { key: 'POSTGRES_GO_PASSWORD', password: 'postgresGo', component: 'postgres-go' },
  { key: 'GRAFANA_ADMIN_PASSWORD', password: 'grafana', component: 'grafana' },
];

/** Where earlier versions wrote the passwords (Secrets inside the component files): read once, to keep them. */
export const LEGACY_SECRET_FIELDS: ReadonlyArray<{ secret: string; key: string; password: keyof StackSecrets }> = [
  { secret: 'mongo-credentials', key: 'MONGO_INITDB_ROOT_PASSWORD', password: 'mongo' },
  { secret: 'postgres-credentials', key: 'POSTGRES_PASSWORD', password: 'postgres' },
  { secret: 'postgres-go-credentials', key: 'POSTGRES_PASSWORD', password: 'postgresGo' },
  { secret: 'grafana-admin', key: 'admin-password', password: 'grafana' },
];

/** 24 random bytes, URL-safe so a password can sit inside a connection URL unescaped. */
export function randomPassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Fresh passwords, except those given in `previous` (read back from an earlier generation), so
 * regenerating into the same folder does not churn every Secret.
 */
export function generateSecrets(
  previous: Partial<StackSecrets> = {},
  random: () => string = randomPassword,
): StackSecrets {
  return {
    mongo: previous.mongo ?? random(),
    postgres: previous.postgres ?? random(),
    postgresGo: previous.postgresGo ?? random(),
    grafana: previous.grafana ?? random(),
  };
}

/** The keys the selected components need, in file order. */
export function secretKeysFor(components: readonly ComponentId[]): typeof SECRET_KEYS {
  return SECRET_KEYS.filter((k) => components.includes(k.component));
}

/** secrets.env: one `KEY=value` line per password the selection needs. */
export function renderSecretsEnv(components: readonly ComponentId[], secrets: StackSecrets): string {
  return `${SECRETS_ENV_HEADER}${secretKeysFor(components)
    .map((k) => `${k.key}=${secrets[k.password]}\n`)
    .join('')}`;
}

/** secrets.env.example: the same keys with no values, for git. */
export function renderSecretsExample(components: readonly ComponentId[]): string {
  const header = [
    `# The keys of ${SECRETS_ENV_FILE}, without values. This file goes into git; ${SECRETS_ENV_FILE} does not.`,
    `# On a fresh clone, starter-stack apply (or generate) creates ${SECRETS_ENV_FILE} with new random values.`,
  ];
  return `${[...header, ...secretKeysFor(components).map((k) => `${k.key}=`)].join('\n')}\n`;
}

export function renderGitignore(): string {
  return `# Generated credentials stay out of git; ${SECRETS_EXAMPLE_FILE} lists their keys.\n${SECRETS_ENV_FILE}\n`;
}

/** The passwords in a secrets.env; lines that do not parse or are empty are left to be generated anew. */
export function readSecretsEnv(text: string): Partial<StackSecrets> {
  const pairs = parseEnvText(text, SECRETS_ENV_FILE);
  const found: Partial<Record<keyof StackSecrets, string>> = {};
  if (!pairs.ok) return found;
  for (const { key, value } of pairs.value) {
    const field = SECRET_KEYS.find((k) => k.key === key);
    if (field && value !== '') found[field.password] = value;
  }
  return found;
}
