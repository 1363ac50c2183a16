import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, requireTool, TOOLS } from '../../support/tools';
import { appFacts, type AppFacts } from './support/manifests';
import { AppProcess, freePort, http } from './support/process';
import { until } from '../../support/until';

const run = promisify(execFile);
const APP_DIR = join(__dirname, '../../../templates/apps/frontend');
const NGINX = requireTool(TOOLS.nginx);

/** The image's nginx.conf, pointed at a test port, the built files and a private pid/temp directory. */
async function testNginxConf(work: string, port: number, root: string, containerPort: number): Promise<string> {
  const conf = (await readFile(join(APP_DIR, 'nginx.conf'), 'utf8'))
    .replaceAll('/tmp/', `${work}/`)
    .replace(`listen ${containerPort};`, `listen 127.0.0.1:${port};`)
    .replace('root /usr/share/nginx/html;', `root ${root};`)
    // Node gives a child sockets, not pipes, for stdio, and nginx cannot open /dev/stdout on a socket: files instead.
    .replace('error_log /dev/stderr warn;', `error_log ${work}/error.log warn;`)
    .replace('access_log /dev/stdout json', `access_log ${work}/access.log json`);
  assert.notEqual(
    conf.indexOf(`listen 127.0.0.1:${port};`),
    -1,
    `nginx.conf listens on the Deployment's container port ${containerPort}`,
  );
  const path = join(work, 'nginx.conf');
  await writeFile(path, conf);
  return path;
}

/** A stand-in for the API backends: records the paths it was asked for and answers one entry per list. */
function fakeApis(seen: string[]): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    const name = req.url?.startsWith('/api-node/users')
      ? 'Ada'
      : req.url?.startsWith('/api-python/items')
        ? 'Lamp'
        : 'Cup';
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ id: 1, name }]));
  });
}

/** The Ingress in miniature: /api-node, /api-python, /api-go to the APIs, the rest to the frontend; no rewrite. */
function ingress(frontendPort: number, apiPort: number): Server {
  return createServer((req, res) => {
    const toApi = /^\/api-(node|python|go)(\/|$)/.test(req.url ?? '');
    const upstream = request(
      {
        host: '127.0.0.1',
        port: toApi ? apiPort : frontendPort,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
}

describe(
  'frontend: Vite build served by the image nginx.conf, checked in headless Chromium',
  { timeout: 180_000 },
  () => {
    let work: string;
    let dist: string;
    let nginx: AppProcess;
    let apis: Server;
    let entry: Server;
    let browser: Browser | undefined;
    const seen: string[] = [];
    let frontendPort: number;
    let entryPort: number;
    let buildMs = 0;
    let facts: AppFacts;

    before(async () => {
      work = await mkdtemp(join(tmpdir(), 'starter-frontend-'));
      // nginx's workers run as nobody when the tests run as root: the built files must be readable.
      await chmod(work, 0o755);
      dist = join(work, 'dist');
      const { build } = await import('vite');
      const started = performance.now();
      await build({ root: APP_DIR, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
      buildMs = performance.now() - started;
      frontendPort = await freePort();
      facts = await appFacts('frontend');
      const conf = await testNginxConf(work, frontendPort, dist, facts.port);
      await run(NGINX, ['-t', '-q', '-c', conf, '-p', work]).catch((e: { stderr?: string }) =>
        assert.fail(`nginx -t: ${e.stderr}`),
      );
      nginx = new AppProcess(NGINX, ['-c', conf, '-p', work, '-g', 'daemon off;'], {});
      apis = fakeApis(seen).listen(0, '127.0.0.1');
      await once(apis, 'listening');
      const apiPort = (apis.address() as { port: number }).port;
      entryPort = await freePort();
      entry = ingress(frontendPort, apiPort).listen(entryPort, '127.0.0.1');
      await once(entry, 'listening');
      await until(
        async () => (await http(`http://127.0.0.1:${frontendPort}`, 'GET', facts.livenessPath)).status === 200,
        `nginx to serve\n${nginx?.output()}`,
        15_000,
      );
    });

    after(async () => {
      await browser?.close();
      entry?.close();
      apis?.close();
      await nginx?.stop();
      if (work && !process.env.KEEP_WORK) await rm(work, { recursive: true, force: true });
    });

    it('builds with Vite into hashed assets and an index.html that loads them', async () => {
      const index = await readFile(join(dist, 'index.html'), 'utf8');
      const assets = await readdir(join(dist, 'assets'));
      assert.ok(
        assets.some((a) => /^index-[\w-]+\.js$/.test(a)),
        assets.join(', '),
      );
      assert.match(index, /<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
      console.log(`vite build: ${Math.round(buildMs)} ms, assets: ${assets.join(', ')}`);
    });

    it('nginx answers /healthz (liveness) and / (readiness) and falls back to the page for unknown paths', async () => {
      const base = `http://127.0.0.1:${frontendPort}`;
      const health = await http(base, 'GET', facts.livenessPath);
      assert.deepEqual([health.status, health.json], [200, { status: 'ok' }]);
      const page = await http(base, 'GET', facts.readinessPath);
      assert.equal(page.status, 200);
      assert.match(page.text, /<div id="root"><\/div>/);
      assert.equal((await http(base, 'GET', '/some/client/route')).status, 200);
      assert.equal((await http(base, 'GET', '/assets/missing.js')).status, 404);
    });

    it('writes JSON access logs and skips the kubelet probes', async () => {
      await fetch(`http://127.0.0.1:${frontendPort}/?probe=1`, { headers: { 'user-agent': 'kube-probe/1.32' } });
      await fetch(`http://127.0.0.1:${frontendPort}/?logged=1`);
      const lines = async () => (await readFile(join(work, 'access.log'), 'utf8')).split('\n').filter(Boolean);
      await until(async () => (await lines()).length > 0, 'an access log line', 5_000);
      const entries = (await lines()).map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.ok(
        entries.some((e) => e.path === '/?logged=1' && e.status === 200),
        JSON.stringify(entries),
      );
      assert.ok(!entries.some((e) => e.path === '/?probe=1'), 'the kube-probe request is not logged');
      assert.ok(entries.every((e) => e.level === 'info' && e.msg === 'request' && typeof e.time === 'string'));
    });

    it("compose's local ingress (compose-ingress.conf) routes the prefixes like the Ingress, without rewriting", async () => {
      const port = await freePort();
      const apiPort = (apis.address() as { port: number }).port;
      const routes = (await readFile(join(APP_DIR, '..', 'compose-ingress.conf'), 'utf8'))
        .replace('listen 80;', `listen 127.0.0.1:${port};`)
        .replace(/resolver [^;]+;/, '')
        .replace(/http:\/\/(node-api|fastapi|go-api):\d+/g, `http://127.0.0.1:${apiPort}`)
        .replace('http://frontend:80', `http://127.0.0.1:${frontendPort}`);
      const dir = join(work, 'compose-ingress');
      await mkdir(dir);
      const conf = join(dir, 'nginx.conf');
      await writeFile(
        conf,
        `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\naccess_log off;\n${routes}\n}\n`,
      );
      const proxy = new AppProcess(NGINX, ['-c', conf, '-p', dir, '-g', 'daemon off;'], {});
      try {
        const base = `http://127.0.0.1:${port}`;
        await until(
          async () => (await http(base, 'GET', facts.livenessPath)).status === 200,
          `compose ingress\n${proxy.output()}`,
          10_000,
        );
        seen.length = 0;
        for (const path of ['/api-node/users', '/api-python/items/3', '/api-go/products'])
          assert.equal((await http(base, 'GET', path)).status, 200, path);
        assert.deepEqual(seen, ['GET /api-node/users', 'GET /api-python/items/3', 'GET /api-go/products']);
        assert.match((await http(base, 'GET', '/')).text, /<div id="root"><\/div>/);
      } finally {
        await proxy.stop();
      }
    });

    it('renders in Chromium and calls the three APIs through their Ingress paths', async () => {
      browser = await chromium.launch({
        executablePath: requireTool(TOOLS.chromium),
        args: [...CHROMIUM_FLAGS],
      });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${entryPort}/`);
      await page.getByRole('heading', { name: 'Starter Stack' }).waitFor({ timeout: 15_000 });
      for (const [service, name] of [
        ['users', 'Ada'],
        ['items', 'Lamp'],
        ['products', 'Cup'],
      ] as const) {
        await page
          .locator(`section[data-service="${service}"] .entries li`, { hasText: name })
          .waitFor({ timeout: 15_000 });
      }
      assert.deepEqual(errors, []);
      for (const path of ['GET /api-node/users', 'GET /api-python/items', 'GET /api-go/products'])
        assert.ok(seen.includes(path), `${path} in ${seen.join(', ')}`);
      await page.screenshot({ path: join(work, 'frontend.png') });
    });
  },
);
