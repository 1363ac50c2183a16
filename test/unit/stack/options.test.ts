import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withDependencies } from '../../../src/stack/components';
import { parseStackOptions } from '../../../src/stack/options';
import { renderStack } from '../../support/stack';

const error = (input: Parameters<typeof parseStackOptions>[0]) => {
  const result = parseStackOptions(input);
  assert.equal(result.ok, false, 'expected the options to be refused');
  return result.ok ? '' : result.error;
};

describe('stack options', () => {
  it('defaults to the whole stack without metrics-server, in namespace starter', () => {
    const result = parseStackOptions();
    assert.ok(result.ok);
    assert.equal(result.value.namespace, 'starter');
    assert.ok(result.value.components.includes('grafana'));
    assert.ok(!result.value.components.includes('metrics-server'));
  });

  it('pulls in dependencies, always the namespace, in apply order', () => {
    assert.deepEqual(withDependencies(['node-api']), ['namespace', 'mongo', 'node-api']);
    assert.deepEqual(withDependencies(['grafana', 'go-api']), [
      'namespace',
      'postgres-go',
      'go-api',
      'prometheus',
      'loki',
      'grafana',
    ]);
  });

  it('refuses bad options with one line naming the option', () => {
    assert.match(error({ namespace: 'Bad_NS' }), /^namespace "Bad_NS"/);
    assert.match(error({ components: ['node-api', 'redis'] }), /unknown component "redis".*known: namespace, mongo/);
    assert.match(error({ components: [] }), /components/);
    assert.match(error({ imagePrefix: 'Registry/Me' }), /image prefix "Registry\/Me"/);
    assert.match(error({ tag: 'latest' }), /tag "latest"/);
    assert.match(error({ tag: 'bad tag' }), /tag "bad tag"/);
    assert.match(error({ host: 'not a host' }), /host "not a host"/);
    assert.match(error({ hpaMin: 0 }), /HPA minimum 0/);
    assert.match(error({ hpaMin: 4, hpaMax: 3 }), /HPA maximum 3/);
    assert.match(error({ storageClass: 'Fast SSD' }), /storage class "Fast SSD"/);
    for (const message of [error({ namespace: 'x'.repeat(64) }), error({ hpaMax: 1.5 })])
      assert.doesNotMatch(message, /\n/);
  });

  it('accepts registry prefixes with hosts and ports', () => {
    for (const imagePrefix of ['ghcr.io/me', 'localhost:5000/stack', 'me'])
      assert.ok(parseStackOptions({ imagePrefix }).ok, imagePrefix);
  });
});

describe('options shape the generated stack', () => {
  it('a subset generates only what it needs, and the Ingress routes only to what exists', async () => {
    const stack = await renderStack({ components: ['node-api', 'ingress'] });
    assert.deepEqual(
      stack.files.map((f) => f.path),
      [
        'namespace.yaml',
        'mongo.yaml',
        'node-api.yaml',
        'ingress.yaml',
        'kustomization.yaml',
        'secrets.env',
        'secrets.env.example',
        '.gitignore',
      ],
    );
    const paths = stack.find('Ingress', 'starter').spec.rules[0].http.paths.map((p: { path: string }) => p.path);
    assert.deepEqual(paths, ['/api-node']);
  });

  it('namespace moves every object, its RBAC subjects and cluster-scoped names', async () => {
    const stack = await renderStack({ namespace: 'shop' });
    stack.find('Namespace', 'shop');
    assert.ok(
      stack.objects
        .filter((o) => o.metadata.namespace !== undefined)
        .every((o) => ['shop', 'kube-system'].includes(o.metadata.namespace)),
    );
    const binding = stack.find('ClusterRoleBinding', 'shop-prometheus');
    assert.equal(binding.roleRef.name, 'shop-prometheus');
    assert.equal(binding.subjects[0].namespace, 'shop');
    assert.ok(!stack.files.some((f) => /namespace: starter\b/.test(f.content)), 'no object left in starter');
  });

  it('image prefix and tag set the four app images, leaving third-party images alone', async () => {
    const stack = await renderStack({ imagePrefix: 'ghcr.io/me', tag: '1.2.3' });
    const images = stack.objects.flatMap((o) =>
      (o.spec?.template?.spec?.containers ?? []).map((c: { image: string }) => c.image),
    );
    for (const app of ['node-api', 'fastapi', 'go-api', 'frontend'])
      assert.ok(images.includes(`ghcr.io/me/${app}:1.2.3`), app);
    assert.ok(images.includes('mongo:7.0.14'));
    assert.ok(!images.some((i: string) => i.startsWith('starter-stack/')));
  });

  it('host, HPA bounds and storage class reach the Ingress, the HPAs and every PVC', async () => {
    const stack = await renderStack({ host: 'shop.example.com', hpaMin: 3, hpaMax: 9, storageClass: 'fast-ssd' });
    assert.equal(stack.find('Ingress', 'starter').spec.rules[0].host, 'shop.example.com');
    for (const hpa of stack.all('HorizontalPodAutoscaler'))
      assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [3, 9]);
    const pvcs = stack.all('PersistentVolumeClaim');
    assert.ok(pvcs.length >= 5);
    for (const pvc of pvcs) assert.equal(pvc.spec.storageClassName, 'fast-ssd');
  });
});
