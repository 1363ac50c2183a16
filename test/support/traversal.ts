// Path traversal forms for the Grafana gateway's tests, and a judge of where a received path really points.
import { posix } from 'node:path';
import fc from 'fast-check';

/** The service-proxy prefix the gateway's upstream has in these tests. */
export const PROXY_PREFIX = '/api/v1/namespaces/starter/services/grafana:3000/proxy';

/** Every way of writing "go up" or "split here" we know of; each must be refused with a 4xx. */
export const TRAVERSALS: ReadonlyArray<readonly [string, string]> = [
  ['raw ..', '/../../../../api/v1/namespaces/kube-system/secrets'],
  ['raw .. after a segment', '/public/../../../../../api/v1/secrets'],
  ['raw . segment', '/./api/search'],
  ['trailing ..', '/public/..'],
  ['%2e%2e', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/api/v1/secrets'],
  ['%2E%2E upper case', '/%2E%2E/%2E%2E/api/v1/secrets'],
  ['mixed case %2e%2E', '/%2e%2E/%2E%2e/api/v1/secrets'],
  ['.%2e half encoded', '/.%2e/.%2e/api/v1/secrets'],
  ['%2e. half encoded', '/%2e./%2e./api/v1/secrets'],
  ['double-encoded %252e%252e', '/%252e%252e/%252e%252e/api/v1/secrets'],
  ['double-encoded %252E upper', '/%252E%252E/api/v1/secrets'],
  ['triple-encoded %25252e', '/%25252e%25252e/api/v1/secrets'],
  ['encoded slash %2f', '/..%2f..%2f..%2fapi%2fv1%2fsecrets'],
  ['encoded slash %2F upper', '/public%2F..%2F..%2Fapi'],
  ['double-encoded slash %252f', '/..%252f..%252fapi'],
  ['encoded backslash %5c', '/..%5c..%5capi%5cv1'],
  ['encoded backslash %5C upper', '/..%5C..%5Capi'],
  ['raw backslash', '/..\\..\\..\\api\\v1\\secrets'],
  ['backslash inside a segment', '/public\\..\\..\\api'],
  ['; path parameter', '/..;/..;/api/v1/secrets'],
  ['; after a name', '/public;x=1/app.js'],
  ['encoded ; %3b', '/..%3b/..%3b/api'],
  ['overlong UTF-8 dot %c0%ae', '/%c0%ae%c0%ae/%c0%ae%c0%ae/api'],
  ['overlong UTF-8 slash %c0%af', '/..%c0%af..%c0%afapi'],
  ['NUL byte %00', '/public/app.js%00/../../api'],
  ['empty segments //', '//api/v1/secrets'],
  ['under the kept prefix, then up', `${PROXY_PREFIX}/../../../../secrets`],
  ['under the kept prefix, encoded up', `${PROXY_PREFIX}/%2e%2e/%2e%2e/secrets`],
  ['absolute-form target', 'http://127.0.0.1:1/api/v1/secrets'],
  ['no leading slash', 'api/v1/secrets'],
  ['fragment in the target', '/public/#/../../api'],
  ['malformed escape', '/public/%zz/app.js'],
];

/**
 * Where a path the upstream received points once every layer had its go at it: decoded until stable
 * (double encoding), backslashes as slashes (some servers), `;` parameters dropped (Tomcat-style), dots resolved.
 */
export function resolvedLikeAnyServer(received: string): string {
  let path = received.split('?')[0] ?? '';
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(path);
    } catch {
      next = path.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    if (next === path) break;
    path = next;
  }
  path = path
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => s.split(';')[0])
    .join('/');
  return posix.normalize(`/${path}`);
}

/** Whether the path the upstream received reaches anything outside the proxied service. */
export function leavesPrefix(received: string, prefix = PROXY_PREFIX): boolean {
  const resolved = resolvedLikeAnyServer(received).replace(/\/$/, '');
  return !(resolved === prefix || resolved.startsWith(`${prefix}/`));
}

const ATOMS = [
  '..',
  '.',
  '%2e',
  '%2E',
  '%2e%2e',
  '.%2e',
  '%2E.',
  '%252e',
  '%252e%252e',
  '%25252e',
  '%2f',
  '%2F',
  '%252f',
  '%5c',
  '%5C',
  '\\',
  '..\\',
  ';',
  '..;',
  ';x=1',
  '%3b',
  '%00',
  '%c0%ae',
  '%c0%af',
  '',
  'api',
  'v1',
  'namespaces',
  'kube-system',
  'secrets',
  'grafana:3000',
  'proxy',
  'public',
  'd-solo',
  PROXY_PREFIX.slice(1),
  '%',
  '%2',
  'a%2',
  '~',
  '+',
];

/** Request paths built from traversal atoms and ordinary names, joined by `/`, `\` or encoded slashes, with a query sometimes. */
export const arbitraryGatewayPath: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...ATOMS), fc.stringMatching(/^[a-z0-9.%-]{1,6}$/)), {
      minLength: 0,
      maxLength: 8,
    }),
    fc.array(fc.constantFrom('/', '/', '/', '\\', '%2f', '%5c', '//'), { minLength: 8, maxLength: 8 }),
    fc.option(fc.constantFrom('?a=1', '?x=/../../', '?%2e%2e', '?')),
  )
  .map(([atoms, seps, query]) => '/' + atoms.map((a, i) => (i === 0 ? a : seps[i]! + a)).join('') + (query ?? ''));
