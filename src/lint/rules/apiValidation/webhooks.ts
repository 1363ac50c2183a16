/**
 * admissionregistration.k8s.io/v1 webhook configurations, as validateValidatingWebhook / validateMutatingWebhook
 * (pkg/apis/admissionregistration/validation) and webhook.ValidateWebhookURL / ValidateWebhookService
 * (apiserver/pkg/util/webhook) check them on create. Required fields and the enums of failurePolicy, matchPolicy,
 * reinvocationPolicy and operations are the schema's, reported there.
 */
import { num, rec, str, type Rec } from '../../access';
import type { Path } from '../../parse';
import { closestFix, items } from './fields';
import { dns1035Label, dns1123Subdomain, isPlaceholder, portNumber } from './formats';
import type { Problems } from './problems';

const NO_SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const REVIEW_VERSIONS = ['v1', 'v1beta1'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];

export function checkWebhookConfiguration(p: Problems, value: Rec): void {
  const names = new Set<string>();
  for (const [hook, path] of items(value, [], 'webhooks')) {
    const name = str(hook.name) ?? '';
    if (name !== '' && !isPlaceholder(name)) {
      for (const m of fullyQualifiedName(name)) p.invalid([...path, 'name'], name.replace(/\.$/, ''), m);
      if (names.has(name)) p.duplicate([...path, 'name'], name);
      names.add(name);
    }
    checkHookFields(p, hook, path);
    checkRules(p, hook, path);
    checkClientConfig(p, rec(hook.clientConfig), [...path, 'clientConfig']);
    checkReviewVersions(p, hook.admissionReviewVersions, [...path, 'admissionReviewVersions']);
  }
}

/** IsFullyQualifiedName: a DNS subdomain (a trailing dot allowed) of at least three labels. */
function fullyQualifiedName(name: string): string[] {
  const trimmed = name.replace(/\.$/, '');
  const errors = dns1123Subdomain(trimmed);
  if (errors.length > 0) return [errors.join(',')];
  return trimmed.split('.').length < 3 ? ['should be a domain with at least three segments separated by dots'] : [];
}

/** v1 allows only webhooks without side effects (or none on dry run), and a timeout of 1 to 30 seconds. */
function checkHookFields(p: Problems, hook: Rec, path: Path): void {
  const sideEffects = str(hook.sideEffects);
  const at = [...path, 'sideEffects'];
  if (sideEffects !== undefined && !NO_SIDE_EFFECTS.includes(sideEffects))
    p.unsupported(at, sideEffects, NO_SIDE_EFFECTS, closestFix(sideEffects, NO_SIDE_EFFECTS, at));
  const timeout = num(hook.timeoutSeconds);
  if (timeout !== undefined && (timeout < 1 || timeout > 30))
    p.invalid([...path, 'timeoutSeconds'], timeout, 'the timeout value must be between 1 and 30 seconds');
}

/** validateRuleWithOperations: `*` stands alone among the operations; the scope is Cluster, Namespaced or `*`. */
function checkRules(p: Problems, hook: Rec, path: Path): void {
  for (const [rule, rulePath] of items(hook, path, 'rules')) {
    const operations = Array.isArray(rule.operations) ? rule.operations : [];
    if (operations.length > 1 && operations.includes('*'))
      p.invalid([...rulePath, 'operations'], operations, "if '*' is present, must not specify other operations");
    const scope = str(rule.scope);
    const at = [...rulePath, 'scope'];
    if (scope !== undefined && !SCOPES.includes(scope)) p.unsupported(at, scope, SCOPES, closestFix(scope, SCOPES, at));
  }
}

/** Exactly one of url and service; a url is https with a host and nothing else; a service path of DNS segments. */
function checkClientConfig(p: Problems, config: Rec | undefined, path: Path): void {
  if (!config) return;
  const url = str(config.url);
  const service = rec(config.service);
  const hasUrl = config.url !== undefined && config.url !== null;
  if (hasUrl === (service !== undefined)) {
    p.required(path, 'exactly one of url or service is required');
    return;
  }
  if (url !== undefined && !isPlaceholder(url)) checkUrl(p, url, [...path, 'url']);
  if (service) checkService(p, service, [...path, 'service']);
}

const FORM = '; desired format: https://host[/path]';

function checkUrl(p: Problems, url: string, path: Path): void {
  const match = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(url);
  if (!match) return;
  const [, scheme = '', authority = '', , query = '', fragment = ''] = match;
  if (scheme.toLowerCase() !== 'https')
    p.invalid(path, scheme.toLowerCase(), `'https' is the only allowed URL scheme${FORM}`);
  const at = authority.lastIndexOf('@');
  if (authority.slice(at + 1) === '') p.invalid(path, '', `host must be specified${FORM}`);
  if (at >= 0) p.invalid(path, authority.slice(0, at), 'user information is not permitted in the URL');
  if (fragment !== '') p.invalid(path, fragment, 'fragments are not permitted in the URL');
  if (query !== '') p.invalid(path, query, 'query parameters are not permitted in the URL');
}

/** ValidateWebhookService: the port (443 when unset) and each segment of the path. */
function checkService(p: Problems, service: Rec, path: Path): void {
  const port = num(service.port);
  if (port !== undefined)
    for (const m of portNumber(port)) p.invalid([...path, 'port'], port, `port is not valid: ${m}`);
  const urlPath = str(service.path);
  if (urlPath === undefined || urlPath === '' || urlPath === '/' || isPlaceholder(urlPath)) return;
  const at = [...path, 'path'];
  if (urlPath === '//') {
    p.invalid(at, urlPath, 'segment[0] may not be empty');
    return;
  }
  if (!urlPath.startsWith('/')) p.invalid(at, urlPath, "must start with a '/'");
  urlPath
    .slice(1)
    .replace(/\/$/, '')
    .split('/')
    .forEach((segment, i) => {
      if (segment === '') p.invalid(at, urlPath, `segment[${i}] may not be empty`);
      else for (const m of dns1123Subdomain(segment)) p.invalid(at, urlPath, `segment[${i}]: ${m}`);
    });
}

/** validateAdmissionReviewVersions: distinct DNS-1035 labels, one of them a version the API server speaks. */
function checkReviewVersions(p: Problems, value: unknown, path: Path): void {
  if (!Array.isArray(value) || value.length === 0) return;
  const seen = new Set<string>();
  value.forEach((v, i) => {
    if (typeof v !== 'string') return;
    if (seen.has(v)) p.invalid([...path, i], v, 'duplicate version');
    else for (const m of dns1035Label(v)) p.invalid([...path, i], v, m);
    seen.add(v);
  });
  if (!value.some((v) => typeof v === 'string' && (REVIEW_VERSIONS.includes(v) || isPlaceholder(v))))
    p.invalid(path, value, `must include at least one of ${REVIEW_VERSIONS.join(', ')}`);
}
