import { err, ok, type Result } from '../util/result';
import { COMPONENT_IDS, DEFAULT_COMPONENTS, isComponentId, withDependencies, type ComponentId } from './components';

/** Everything the user can choose about the generated stack. */
export interface StackOptions {
  readonly namespace: string;
  /** The resolved selection: dependencies included, in apply order. */
  readonly components: readonly ComponentId[];
  /** Registry/repository prefix of the four app images, e.g. `ghcr.io/me`. */
  readonly imagePrefix: string;
  readonly tag: string;
  readonly host: string;
  readonly hpaMin: number;
  readonly hpaMax: number;
  /** Unset: the cluster's default StorageClass. */
  readonly storageClass?: string;
}

/** Raw options as a user or a settings file gives them; every field optional. */
export interface StackOptionsInput {
  namespace?: string;
  components?: readonly string[];
  imagePrefix?: string;
  tag?: string;
  host?: string;
  hpaMin?: number;
  hpaMax?: number;
  storageClass?: string;
  metricsServer?: boolean;
}

export const DEFAULT_OPTIONS = {
  namespace: 'starter',
  imagePrefix: 'starter-stack',
  tag: '0.1.0',
  host: '127.0.0.1.nip.io',
  hpaMin: 2,
  hpaMax: 5,
} as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// A registry host (with optional port) and/or lowercase path components, as in Docker image references.
const IMAGE_PREFIX = /^([a-z0-9.-]+(:[0-9]+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Validates raw options. The error is one line that names the offending option. */
export function parseStackOptions(input: StackOptionsInput = {}): Result<StackOptions> {
  const namespace = input.namespace ?? DEFAULT_OPTIONS.namespace;
  if (!DNS_LABEL.test(namespace)) {
    return err(
      `namespace "${namespace}" is not a valid Kubernetes name (lowercase letters, digits and '-', at most 63)`,
    );
  }
  const components = parseComponents(input.components, input.metricsServer);
  if (!components.ok) return components;
  const imagePrefix = input.imagePrefix ?? DEFAULT_OPTIONS.imagePrefix;
  if (!IMAGE_PREFIX.test(imagePrefix)) {
    return err(
      `image prefix "${imagePrefix}" is not a valid image repository prefix (e.g. "ghcr.io/me" or "localhost:5000/stack")`,
    );
  }
  const tag = input.tag ?? DEFAULT_OPTIONS.tag;
  if (!IMAGE_TAG.test(tag)) return err(`tag "${tag}" is not a valid image tag`);
  if (tag === 'latest') return err('tag "latest" is not allowed: pin a version so rollouts are reproducible');
  const host = input.host ?? DEFAULT_OPTIONS.host;
  if (!DNS_SUBDOMAIN.test(host)) return err(`host "${host}" is not a valid DNS name`);
  const hpa = parseHpaBounds(input.hpaMin ?? DEFAULT_OPTIONS.hpaMin, input.hpaMax ?? DEFAULT_OPTIONS.hpaMax);
  if (!hpa.ok) return hpa;
  if (input.storageClass !== undefined && !DNS_SUBDOMAIN.test(input.storageClass)) {
    return err(`storage class "${input.storageClass}" is not a valid Kubernetes name`);
  }
  return ok({
    namespace,
    components: components.value,
    imagePrefix,
    tag,
    host,
    ...hpa.value,
    storageClass: input.storageClass,
  });
}

function parseComponents(
  raw: readonly string[] | undefined,
  metricsServer: boolean | undefined,
): Result<ComponentId[]> {
  const requested = raw ?? DEFAULT_COMPONENTS;
  const unknown = requested.filter((c) => !isComponentId(c));
  if (unknown.length > 0) {
    return err(
      `unknown component${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${COMPONENT_IDS.join(', ')})`,
    );
  }
  if (requested.length === 0) return err('components: choose at least one component');
  const selected = requested.filter(isComponentId).filter((c) => c !== 'metrics-server' || metricsServer !== false);
  if (metricsServer === true) selected.push('metrics-server');
  return ok(withDependencies(selected));
}

/** HPA replica bounds are int32 fields: the API server refuses anything larger. */
const INT32_MAX = 2147483647;

function parseHpaBounds(hpaMin: number, hpaMax: number): Result<{ hpaMin: number; hpaMax: number }> {
  if (!Number.isInteger(hpaMin) || hpaMin < 1 || hpaMin > INT32_MAX)
    return err(`HPA minimum ${hpaMin} must be a whole number from 1 to ${INT32_MAX}`);
  if (!Number.isInteger(hpaMax) || hpaMax < hpaMin || hpaMax > INT32_MAX)
    return err(`HPA maximum ${hpaMax} must be a whole number from the minimum (${hpaMin}) to ${INT32_MAX}`);
  return ok({ hpaMin, hpaMax });
}
