import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { gatewayTarget, methodAllowed } from '../../../src/observe/gatewayPath';
import { arbitraryGatewayPath, leavesPrefix, PROXY_PREFIX, TRAVERSALS } from '../../support/traversal';

const SERVICE_PROXY = `https://k:6443${PROXY_PREFIX}`;

describe('gateway paths: nothing past the service-proxy prefix', () => {
  for (const [name, path] of TRAVERSALS) {
    it(`refuses ${name} with 400: ${path}`, () => {
      for (const base of [SERVICE_PROXY, 'http://g:3000', 'http://g:3000/grafana/']) {
        const target = gatewayTarget(base, 'GET', path);
        assert.equal(target.ok, false, `${base} + ${path} was forwarded to ${target.ok ? target.url.href : ''}`);
        if (!target.ok) assert.equal(target.status, 400);
      }
    });
  }

  it('maps plain paths under the prefix once, even when the API server rewrote links to its own prefix', () => {
    const href = (base: string, path: string) => {
      const target = gatewayTarget(base, 'GET', path);
      assert.ok(target.ok, target.ok ? '' : target.reason);
      return target.url.href;
    };
    assert.equal(href(SERVICE_PROXY, '/public/app.js'), `${SERVICE_PROXY}/public/app.js`);
    assert.equal(href(SERVICE_PROXY, `${PROXY_PREFIX}/public/a.js`), `${SERVICE_PROXY}/public/a.js`);
    assert.equal(
      href(SERVICE_PROXY, '/d-solo/starter-node-api/?orgId=1&panelId=2&from=now-1h'),
      `${SERVICE_PROXY}/d-solo/starter-node-api/?orgId=1&panelId=2&from=now-1h`,
    );
    assert.equal(href('http://g:3000', '/d-solo/u?a=1'), 'http://g:3000/d-solo/u?a=1');
    assert.equal(href('http://g:3000', '/'), 'http://g:3000/');
    // Encoded ordinary characters are fine; a query may say anything, it is not part of the path.
    assert.equal(href(SERVICE_PROXY, '/api/search?query=%2e%2e%2f..'), `${SERVICE_PROXY}/api/search?query=%2e%2e%2f..`);
    assert.equal(href(SERVICE_PROXY, '/api/dashboards/uid/a%20b'), `${SERVICE_PROXY}/api/dashboards/uid/a%20b`);
  });

  it('allows GET and HEAD anywhere, POST only to /api/ds/query, and nothing else (405)', () => {
    const cases: Array<[string, string, boolean]> = [
      ['GET', '/d-solo/x/', true],
      ['HEAD', '/public/app.js', true],
      ['POST', '/api/ds/query', true],
      ['POST', `${PROXY_PREFIX}/api/ds/query`, true],
      ['POST', '/api/ds/query?ds_type=prometheus', true],
      ['POST', '/api/dashboards/db', false],
      ['POST', '/api/frontend-metrics', false],
      ['POST', '/api/ds/query/', false],
      ['PUT', '/api/dashboards/db', false],
      ['PATCH', '/api/ds/query', false],
      ['DELETE', '/api/dashboards/uid/x', false],
      ['DELETE', '/api/ds/query', false],
      ['OPTIONS', '/api/ds/query', false],
      ['TRACE', '/', false],
      ['CONNECT', '/', false],
      ['get', '/d-solo/x/', false],
      ['PROPFIND', '/', false],
    ];
    for (const [method, path, allowed] of cases) {
      const target = gatewayTarget(SERVICE_PROXY, method, path);
      assert.equal(target.ok, allowed, `${method} ${path}`);
      if (!target.ok) assert.equal(target.status, 405, `${method} ${path}`);
    }
    assert.equal(methodAllowed('POST', '/api/ds/query'), true);
  });

  it('property: no generated path is forwarded anywhere outside the prefix, for any allowed method', () => {
    fc.assert(
      fc.property(arbitraryGatewayPath, fc.constantFrom('GET', 'HEAD', 'POST'), (path, method) => {
        const target = gatewayTarget(SERVICE_PROXY, method, path);
        if (!target.ok) return;
        const sent = target.url.pathname + target.url.search;
        assert.ok(!leavesPrefix(sent), `${method} ${path} was sent as ${sent}`);
        assert.equal(target.url.origin, 'https://k:6443');
      }),
      { numRuns: 5000 },
    );
  });
});
