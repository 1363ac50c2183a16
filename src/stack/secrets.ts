import { randomBytes } from 'node:crypto';

/** The generated passwords. Each one may appear in several Secret values (a password and a URL holding it). */
export interface StackSecrets {
  readonly mongo: string;
  readonly postgres: string;
  readonly postgresGo: string;
  readonly grafana: string;
}

/** The literal the templates carry where a generated password goes. */
export const SECRET_PLACEHOLDER = 'change-me';

/** Which Secret keys carry which password; the first entry for a password is where it is read back from. */
export const SECRET_FIELDS: ReadonlyArray<{ secret: string; key: string; password: keyof StackSecrets }> = [
  { secret: 'mongo-credentials', key: 'MONGO_INITDB_ROOT_PASSWORD', password: 'mongo' },
  { secret: 'node-api-secrets', key: 'MONGO_URL', password: 'mongo' },
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
export function generateSecrets(previous: Partial<StackSecrets> = {}, random: () => string = randomPassword): StackSecrets {
  return {
    mongo: previous.mongo ?? random(),
    postgres: previous.postgres ?? random(),
    postgresGo: previous.postgresGo ?? random(),
    grafana: previous.grafana ?? random(),
  };
}
