import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { urlEndpoint } from '../../../src/observe/endpoint';
import { buildLogQuery } from '../../../src/observe/logql';
import { LokiClient } from '../../../src/observe/loki/client';
import { msToNs } from '../../../src/observe/loki/entries';
import { LokiTail, type TailState } from '../../../src/observe/loki/tail';
import type { LogLine } from '../../../src/observe/model';
import { startLokiStandin, type LokiStandin } from '../../standins/loki/index';
import { until } from '../../support/until';

const scope = { namespace: 'starter', workload: 'node-api' };
const query = buildLogQuery(scope, { text: '', regex: false, levels: [] });
const since = () => msToNs(Date.now() - 3_600_000);
const labels = (pod: string) => ({ namespace: 'starter', app: 'node-api', pod, container: 'app' });

describe('Loki client against the Loki stand-in (test double)', () => {
  let loki: LokiStandin;
  before(async () => {
    loki = await startLokiStandin({ maxEntriesLimit: 5000 });
    loki.push(
      labels('node-api-a'),
      Array.from({ length: 6000 }, (_, i) => `a ${i}`),
      'fake',
      1_700_000_000_000_000_000n,
    );
    loki.push(
      labels('node-api-b'),
      Array.from({ length: 3000 }, (_, i) => `b ${i}`),
      'fake',
      1_700_000_000_000_000_500n,
    );
    loki.push(
      { namespace: 'starter', app: 'fastapi', pod: 'f', container: 'app' },
      ['other workload'],
      'fake',
      1_700_000_000_000_009_999n,
    );
  });
  after(() => loki.close());

  it('pages history backwards without gaps or repeats, and learns the entries limit from the 400', async () => {
    const client = new LokiClient(urlEndpoint(loki.url));
    const seen = new Set<string>();
    let before: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await client.page({ query, before, since: '1600000000000000000', limit: 6000 });
      assert.ok(page.ok, page.ok ? '' : page.error.message);
      for (const l of page.value.lines) {
        assert.ok(!seen.has(l.ts + l.line), `repeated ${l.line}`);
        seen.add(l.ts + l.line);
      }
      pages++;
      if (!page.value.more) break;
      before = page.value.lines[0]!.ts;
    }
    assert.equal(seen.size, 9000);
    assert.equal(pages, 2); // 6000 asked, Loki said 5000: pages of 5000 then 4000
    assert.ok(loki.requests.some((r) => r.path === '/loki/api/v1/query_range'));
  });

  it('returns the newest page oldest-first, merged across pods', async () => {
    const client = new LokiClient(urlEndpoint(loki.url));
    const page = await client.page({ query, since: '1600000000000000000', limit: 10 });
    assert.ok(page.ok);
    const ts = page.value.lines.map((l) => BigInt(l.ts));
    assert.deepEqual(
      ts,
      [...ts].sort((a, b) => (a < b ? -1 : 1)),
    );
    assert.equal(page.value.lines.at(-1)!.line, 'a 5999');
    assert.ok(page.value.lines.every((l) => l.pod?.startsWith('node-api-')));
  });

  it('sends the tenant header, and a multi-tenant Loki refuses without it', async () => {
    const tenanted = await startLokiStandin({ requireTenant: true });
    try {
      tenanted.push(labels('p'), ['for team-a'], 'team-a');
      const without = await new LokiClient(urlEndpoint(tenanted.url)).page({ query, since: since(), limit: 10 });
      assert.ok(!without.ok);
      assert.equal(without.error.status, 401);
      const withTenant = await new LokiClient(urlEndpoint(tenanted.url, { 'X-Scope-OrgID': 'team-a' })).page({
        query,
        since: since(),
        limit: 10,
      });
      assert.ok(withTenant.ok);
      assert.deepEqual(
        withTenant.value.lines.map((l) => l.line),
        ['for team-a'],
      );
      assert.ok(tenanted.requests.some((r) => r.tenant === 'team-a'));
    } finally {
      await tenanted.close();
    }
  });

  it("passes a query error through as a 400 with Loki's words", async () => {
    const page = await new LokiClient(urlEndpoint(loki.url)).page({
      query: '{namespace=~".*"}',
      since: since(),
      limit: 10,
    });
    assert.ok(!page.ok);
    assert.equal(page.error.status, 400);
    assert.match(page.error.message, /empty-compatible/);
  });
});

describe('Loki tail against the stand-in', () => {
  it('streams live lines, reconnects after a drop without repeating, then reports down', async () => {
    const loki = await startLokiStandin({ requireTenant: true });
    const got: LogLine[] = [];
    const states: TailState[] = [];
    const endpoint = urlEndpoint(loki.url, { 'X-Scope-OrgID': 't' });
    const tail = new LokiTail(
      endpoint,
      { query, start: msToNs(Date.now() - 1000), maxRetries: 2, retryDelayMs: 50 },
      {
        lines: (l) => got.push(...l),
        dropped: () => undefined,
        state: (s) => states.push(s),
      },
    );
    try {
      tail.start();
      await until(() => loki.tails() === 1, 'tail connected');
      loki.push(labels('p1'), ['one', 'two'], 't');
      await until(() => got.length === 2, 'two lines');
      loki.dropTails();
      await until(() => states.filter((s) => s === 'live').length === 2, 'reconnected');
      loki.push(labels('p1'), ['three'], 't');
      await until(() => got.length === 3, 'third line');
      assert.deepEqual(
        got.map((l) => l.line),
        ['one', 'two', 'three'],
      );
      assert.deepEqual(states.slice(0, 4), ['connecting', 'live', 'reconnecting', 'live']);
      await loki.close();
      await until(() => states.at(-1) === 'down', 'down after retries', 10_000);
    } finally {
      tail.dispose();
      await loki.close();
    }
  });

  it("delivers every pod's lines when their timestamps interleave across tail messages", async () => {
    const loki = await startLokiStandin();
    const got: LogLine[] = [];
    const tail = new LokiTail(
      urlEndpoint(loki.url),
      { query, start: msToNs(Date.now() - 1000) },
      { lines: (l) => got.push(...l), dropped: () => undefined, state: () => undefined },
    );
    try {
      tail.start();
      await until(() => loki.tails() === 1, 'tail connected');
      const t = BigInt(Date.now()) * 1_000_000n;
      // One message per stream, as Loki sends them: another pod's line may be older, or share the timestamp.
      loki.push(labels('p1'), ['p1 second'], 'fake', t + 2_000_000n);
      loki.push(labels('p2'), ['p2 first'], 'fake', t + 1_000_000n);
      loki.push(labels('p2'), ['p2 same ms as p1'], 'fake', t + 2_000_000n);
      await until(() => got.length === 3, 'all three lines');
      assert.deepEqual(
        got.map((l) => l.line),
        ['p1 second', 'p2 first', 'p2 same ms as p1'],
      );
    } finally {
      tail.dispose();
      await loki.close();
    }
  });
});
