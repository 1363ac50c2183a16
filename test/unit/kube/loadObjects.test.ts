import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jobState } from '../../../src/kube/load';
import {
  formatDuration,
  K6_IMAGE,
  k6Script,
  LOAD_TEST_LABEL,
  loadTestName,
  loadTestObjects,
  parseDuration,
  rampSeconds,
  type LoadTestSpec,
} from '../../../src/kube/loadObjects';
import { STACK_SELECTOR } from '../../../src/kube/objects';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- objects inspected loosely
type Loose = Record<string, any>;

const spec: LoadTestSpec = {
  namespace: 'starter',
  service: 'node-api',
  port: 80,
  rps: 150,
  durationSeconds: 300,
  path: '/api-node/users',
};

describe('load test objects (kube/loadObjects)', () => {
  it('the k6 script is valid JavaScript (node --check) that ramps to the rate against the cluster DNS name', () => {
    const script = k6Script(spec);
    const file = join(mkdtempSync(join(tmpdir(), 'k6-')), 'load.mjs');
    writeFileSync(file, script);
    const checked = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    assert.equal(checked.status, 0, checked.stderr);
    assert.match(script, /const TARGET = "http:\/\/node-api\.starter\.svc\.cluster\.local:80\/api-node\/users";/);
    assert.match(script, /executor: 'ramping-arrival-rate'/);
    assert.match(script, /stages: \[\{ target: 150, duration: '30s' \}, \{ target: 150, duration: '270s' \}\]/);
    assert.match(script, /import http from 'k6\/http';/);
  });

  it('a short test ramps for five seconds and holds nothing longer than the test', () => {
    assert.equal(rampSeconds(10), 5);
    assert.equal(rampSeconds(3600), 60);
    assert.match(
      k6Script({ ...spec, durationSeconds: 10 }),
      /\{ target: 150, duration: '5s' \}, \{ target: 150, duration: '5s' \}/,
    );
  });

  it('a ConfigMap and a pinned k6 Job carry the labels delete selects by, and the Job mounts the script', () => {
    const [configMap, job] = loadTestObjects(spec) as [Loose, Loose];
    assert.equal(configMap.kind, 'ConfigMap');
    assert.equal(job.kind, 'Job');
    assert.equal(job.apiVersion, 'batch/v1');
    const [key, value] = STACK_SELECTOR.split('=');
    for (const o of [configMap, job, { metadata: job.spec.template.metadata }]) {
      assert.equal(o.metadata.labels[key!], value);
      assert.equal(o.metadata.labels['starter-stack.dev/namespace'], 'starter');
      assert.equal(o.metadata.labels[LOAD_TEST_LABEL], 'node-api');
    }
    const pod = job.spec.template.spec;
    assert.equal(pod.restartPolicy, 'Never');
    assert.equal(pod.containers[0].image, K6_IMAGE);
    assert.match(K6_IMAGE, /^grafana\/k6:\d+\.\d+\.\d+$/, 'a pinned release tag');
    assert.deepEqual(pod.containers[0].args, ['run', '/scripts/load.js']);
    assert.equal(pod.volumes[0].configMap.name, configMap.metadata.name);
    assert.ok(Object.hasOwn(configMap.data, 'load.js'));
    assert.equal(job.spec.backoffLimit, 0);
    assert.equal(job.metadata.annotations['starter-stack.dev/load-rps'], '150');
  });

  it('names stay within 63 characters', () => {
    assert.equal(loadTestName('node-api'), 'load-node-api');
    assert.ok(loadTestName('a'.repeat(63)).length <= 63);
  });

  it('reads durations as k6 and kubectl write them', () => {
    assert.equal(parseDuration('90s'), 90);
    assert.equal(parseDuration('5m'), 300);
    assert.equal(parseDuration('1m30s'), 90);
    assert.equal(parseDuration('1h'), 3600);
    assert.equal(parseDuration('45'), 45);
    for (const bad of ['', '5min', 'm', '1.5m', '-5s']) assert.equal(parseDuration(bad), undefined, bad);
    assert.equal(formatDuration(90), '1m30s');
    assert.equal(formatDuration(300), '5m');
    assert.equal(formatDuration(0), '0s');
  });

  it("tells a Job's state from its status", () => {
    const job = (status: Loose) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, status });
    assert.equal(jobState(job({})), 'pending');
    assert.equal(jobState(job({ active: 1 })), 'running');
    assert.equal(jobState(job({ conditions: [{ type: 'Complete', status: 'True' }] })), 'succeeded');
    assert.equal(jobState(job({ conditions: [{ type: 'Failed', status: 'True' }] })), 'failed');
  });
});
