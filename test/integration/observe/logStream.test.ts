import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { urlEndpoint } from '../../../src/observe/endpoint';
import { buildLogQuery } from '../../../src/observe/logql';
import { LokiClient } from '../../../src/observe/loki/client';
import { LogStream, type LogStreamOptions, type StreamStatus } from '../../../src/observe/logStream';
import type { LogLine } from '../../../src/observe/model';
import { silentLogger } from '../../../src/util/log';
import { startLokiStandin } from '../../standins/loki/index';
import { freePort } from './realPrometheus';
import { until } from '../../support/until';

const scope = { namespace: 'starter', workload: 'node-api' };
const filter = { text: '', regex: false, levels: [] } as const;
const labels = { namespace: 'starter', app: 'node-api', pod: 'node-api-1', container: 'app' };

function recorder() {
  const history: LogLine[] = [];
  const live: LogLine[] = [];
  const statuses: Array<{ state: StreamStatus; message: string }> = [];
  return {
    history,
    live,
    statuses,
    events: {
      history: (l: LogLine[]) => void history.unshift(...l),
      lines: (l: LogLine[]) => void live.push(...l),
      dropped: () => undefined,
      status: (state: StreamStatus, _source: string, message: string) => void statuses.push({ state, message }),
    },
  };
}

/** A stream of node-api's lines from the given Loki client, with no fallback, into a recorder. */
/** A stream over the shared scope that keeps lines containing `text`, with the Loki client and fallback a test gives. */
function streamOf(
  rec: ReturnType<typeof recorder>,
  text: string,
  options: Pick<LogStreamOptions, 'loki' | 'fallback'> & Partial<LogStreamOptions>,
): LogStream {
  const textFilter = { text, regex: false, levels: [] };
  const defaults = {
    query: buildLogQuery(scope, textFilter),
    filter: textFilter,
    historyLimit: 100,
    lookbackMs: 60_000,
  };
  return new LogStream({ ...defaults, ...options }, rec.events, silentLogger);
}

function lokiStream(loki: LokiClient, rec: ReturnType<typeof recorder>): LogStream {
  const options = { query: buildLogQuery(scope, filter), filter, loki, fallback: undefined, historyLimit: 100 };
  return new LogStream({ ...options, lookbackMs: 3_600_000 }, rec.events, silentLogger);
}

describe('LogStream: history, tail, fallback', () => {
  it('shows history then live lines; pause stops the tail and resume replays what was missed', async () => {
    const loki = await startLokiStandin();
    // Usually stamped in the very millisecond the stream starts in: still history, and not shown again by the tail.
    loki.push(labels, ['old 1', 'old 2']);
    const rec = recorder();
    const stream = lokiStream(new LokiClient(urlEndpoint(loki.url)), rec);
    try {
      await stream.start();
      assert.deepEqual(
        rec.history.map((l) => l.line),
        ['old 1', 'old 2'],
      );
      await until(() => loki.tails() === 1, 'tail open');
      loki.push(labels, ['new 1']);
      await until(() => rec.live.length === 1, 'live line');
      stream.pause();
      await until(() => loki.tails() === 0, 'tail closed on pause');
      loki.push(labels, ['while paused']);
      stream.resume();
      await until(() => rec.live.length === 2, 'replayed after resume');
      assert.deepEqual(
        rec.live.map((l) => l.line),
        ['new 1', 'while paused'],
      );
    } finally {
      stream.dispose();
      await loki.close();
    }
  });

  it('a line that arrives between the history query and the tail opening is shown once, not lost', async () => {
    const loki = await startLokiStandin();
    // The history answer is empty; lines land in Loki while the tail is still being opened.
    class SlowToTail extends LokiClient {
      override async page(request: Parameters<LokiClient['page']>[0]) {
        const answer = await super.page(request);
        await new Promise((r) => setTimeout(r, 5));
        loki.push(labels, ['in the gap 1', 'in the gap 2']);
        await new Promise((r) => setTimeout(r, 5));
        return answer;
      }
    }
    const rec = recorder();
    const stream = lokiStream(new SlowToTail(urlEndpoint(loki.url)), rec);
    try {
      await stream.start();
      assert.deepEqual(rec.history, []);
      await until(() => loki.tails() === 1, 'tail open');
      loki.push(labels, ['after']);
      await until(() => rec.live.some((l) => l.line === 'after'), 'the live line');
      assert.deepEqual(
        rec.live.map((l) => l.line),
        ['in the gap 1', 'in the gap 2', 'after'],
      );
    } finally {
      stream.dispose();
      await loki.close();
    }
  });

  it('falls back to the Kubernetes log API when Loki is not there, and says why', async () => {
    const rec = recorder();
    let started = 0;
    const stream = streamOf(rec, 'keep', {
      loki: new LokiClient(urlEndpoint(`http://127.0.0.1:${await freePort()}`)),
      fallback: (deliver, following) => {
        started++;
        following(['node-api-1', 'node-api-2']);
        deliver([
          { ts: '1', line: 'keep me', pod: 'node-api-1', level: 'info' },
          { ts: '2', line: 'drop me', pod: 'node-api-2', level: 'info' },
        ]);
        return Promise.resolve({ dispose: () => undefined });
      },
    });
    await stream.start();
    stream.dispose();
    assert.equal(started, 1);
    assert.deepEqual(
      rec.live.map((l) => l.line),
      ['keep me'],
    ); // the text filter applies locally
    const fallback = rec.statuses.find((s) => s.state === 'fallback');
    assert.ok(fallback);
    assert.match(fallback.message, /Loki unreachable .*ECONNREFUSED.*Following 2 pod\(s\)/);
  });

  it('without a Loki client, says exactly what the search for it found', async () => {
    const rec = recorder();
    const lokiMissing =
      'loki (service proxy starter/loki:3100) did not answer: HTTP 503 no endpoints available for service "loki"';
    const stream = streamOf(rec, '', {
      loki: undefined,
      lokiMissing,
      fallback: (_deliver, following) => {
        following(['node-api-1']);
        return Promise.resolve({ dispose: () => undefined });
      },
    });
    await stream.start();
    stream.dispose();
    const fallback = rec.statuses.find((s) => s.state === 'fallback');
    assert.ok(fallback, JSON.stringify(rec.statuses));
    assert.ok(fallback.message.includes('no endpoints available for service "loki"'), fallback.message);
    assert.doesNotMatch(fallback.message, /not configured or not deployed/);
  });

  it('when Loki dies mid-tail: reconnects, then falls back', async () => {
    const loki = await startLokiStandin();
    const rec = recorder();
    let fellBack = false;
    const stream = streamOf(rec, '', {
      loki: new LokiClient(urlEndpoint(loki.url)),
      fallback: () => {
        fellBack = true;
        return Promise.resolve({ dispose: () => undefined });
      },
      historyLimit: 10,
      tailRetries: 2,
      tailRetryDelayMs: 30,
    });
    try {
      await stream.start();
      await until(() => loki.tails() === 1, 'tail open');
      await loki.close();
      await until(() => fellBack, 'fallback after Loki went away');
      const states = rec.statuses.map((s) => s.state);
      assert.ok(states.includes('reconnecting'));
      assert.ok(
        states.indexOf('reconnecting') < states.lastIndexOf('live') ||
          !states.slice(states.indexOf('reconnecting')).includes('live'),
      );
    } finally {
      stream.dispose();
    }
  });

  it('reports a LogQL error instead of falling back', async () => {
    const loki = await startLokiStandin();
    const rec = recorder();
    const stream = streamOf(rec, '', {
      query: '{namespace="starter"} | unknownstage',
      loki: new LokiClient(urlEndpoint(loki.url)),
      fallback: () => Promise.reject(new Error('must not fall back')),
      historyLimit: 10,
    });
    try {
      await stream.start();
      assert.equal(rec.statuses.at(-1)?.state, 'error');
      assert.match(rec.statuses.at(-1)!.message, /unsupported pipeline stage/);
    } finally {
      stream.dispose();
      await loki.close();
    }
  });
});
