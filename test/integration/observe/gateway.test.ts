import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { urlEndpoint } from '../../../src/observe/endpoint';
import { startGateway, type Gateway } from '../../../src/observe/gateway';
import { GrafanaClient, soloPanelUrl } from '../../../src/observe/grafana';
import type { Logger } from '../../../src/util/log';
import { startGrafanaStandin, type GrafanaStandin } from '../../standins/grafana/index';
import { CHROMIUM_FLAGS, requireTool, TOOLS } from '../../support/tools';

const UPSTREAM_AUTH = 'Bearer kube-credential';
const warnings: string[] = [];
const log: Logger = { trace() {}, info() {}, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) };

describe('local gateway in front of the Grafana stand-in (test double)', () => {
  let grafana: GrafanaStandin;
  let gateway: Gateway;
  before(async () => {
    grafana = await startGrafanaStandin({ requiredAuthorization: UPSTREAM_AUTH, denyFraming: true });
    gateway = await startGateway(urlEndpoint(grafana.url, { authorization: UPSTREAM_AUTH }), log);
  });
  after(async () => {
    await gateway.close();
    await grafana.close();
  });

  it('binds 127.0.0.1 on a random port with a long random token', () => {
    assert.match(gateway.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(gateway.token, /^[0-9a-f]{48}$/);
  });

  it('refuses requests without the token, or with a wrong one, before reaching Grafana', async () => {
    const before = grafana.requests.length;
    for (const path of [
      '/api/search',
      '/d-solo/starter-node-api/',
      `/t/${'0'.repeat(48)}/api/search`,
      '/t//api/search',
    ]) {
      const res = await fetch(gateway.origin + path);
      assert.equal(res.status, 403, path);
    }
    const res = await fetch(`${gateway.origin}/api/search`, { headers: { cookie: 'starter_stack_gw=guess' } });
    assert.equal(res.status, 403);
    assert.equal(grafana.requests.length, before);
    assert.ok(warnings.some((w) => w.includes('refused')));
    assert.ok(warnings.every((w) => !w.includes(gateway.token)));
  });

  it('forwards with the upstream credentials, strips the token and the frame refusal', async () => {
    const res = await fetch(`${gateway.base}/d-solo/starter-node-api/?panelId=1`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-frame-options'), null);
    assert.match(res.headers.get('set-cookie') ?? '', /starter_stack_gw=.*Partitioned/);
    const last = grafana.requests.at(-1)!;
    assert.equal(last.path, '/d-solo/starter-node-api/');
    assert.ok(last.authorized);
  });

  it('lists the provisioned dashboards and panels through the gateway', async () => {
    const client = new GrafanaClient(urlEndpoint(gateway.base));
    const panels = await client.panelsForScope({ namespace: 'starter', workload: 'node-api' });
    assert.ok(panels.ok, panels.ok ? '' : panels.error.message);
    assert.ok(panels.value.length >= 4);
    assert.ok(panels.value.every((p) => p.dashboardUid === 'starter-node-api'));
    assert.ok(panels.value[0]!.exprs[0]!.includes('app="node-api"'));
  });

  it('serves an embedded d-solo panel in Chromium: every sub-request carries the token', async () => {
    const chromium = requireTool(TOOLS.chromium);
    const { chromium: pw } = await import('playwright-core');
    // The host page plays the webview: another origin embedding the gateway URL in an iframe.
    const src = soloPanelUrl(gateway.base, { dashboardUid: 'starter-node-api', panelId: 1 }, 'dark', {
      from: 'now-1h',
      to: 'now',
    });
    const host: Server = createServer((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<iframe id="f" src="${src}" width="400" height="200"></iframe>`),
    );
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    const browser = await pw.launch({
      executablePath: chromium,
      args: [...CHROMIUM_FLAGS],
    });
    try {
      const page = await browser.newPage();
      const seenBefore = grafana.requests.length;
      await page.goto(`http://localhost:${(host.address() as AddressInfo).port}/`);
      const frame = page.frameLocator('#f');
      await frame.locator('#panel').filter({ hasText: 'panel ok 200' }).waitFor({ timeout: 10_000 });
      const seen = grafana.requests.slice(seenBefore).map((r) => r.path);
      assert.deepEqual(seen, ['/d-solo/starter-node-api/', '/public/build/app.js', '/api/ds/query']);
      assert.ok(
        grafana.requests.slice(seenBefore).every((r) => r.authorized && !(r.cookie ?? '').includes('starter_stack_gw')),
      );
    } finally {
      await browser.close();
      await new Promise<void>((r) => host.close(() => r()));
    }
  });
});
