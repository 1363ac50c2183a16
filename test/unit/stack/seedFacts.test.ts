// One test per fact the seed states about the stack, checked on the generated objects.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { container, podSpec, renderStack, type K8sObject, type RenderedStack } from '../../support/stack';

let stack: RenderedStack;
before(async () => {
  stack = await renderStack();
});

const servicePort = (svc: K8sObject, port: number) => (svc.spec.ports as K8sObject[]).find((p) => p.port === port);
const probePath = (c: K8sObject, probe: 'livenessProbe' | 'readinessProbe') =>
  c[probe]?.httpGet?.path as string | undefined;

describe('seed facts', () => {
  it('puts every namespaced stack object in namespace "starter"', () => {
    const clusterScoped = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'APIService']);
    for (const o of stack.objects.filter((o) => !clusterScoped.has(o.kind as string))) {
      assert.equal(o.metadata.namespace, 'starter', `${o.kind} ${o.metadata.name}`);
    }
    stack.find('Namespace', 'starter');
  });

  it('mongo: Deployment, Service on 27017, 10Gi PVC mongo-pvc, root password from the credentials Secret in its env', () => {
    const mongo = stack.find('Deployment', 'mongo');
    assert.ok(servicePort(stack.find('Service', 'mongo'), 27017));
    assert.equal(stack.find('PersistentVolumeClaim', 'mongo-pvc').spec.resources.requests.storage, '10Gi');
    const env = container(mongo, 'mongo').env as K8sObject[];
    const secretRefs = env.map((e) => e.valueFrom?.secretKeyRef).filter(Boolean);
    assert.ok(
      secretRefs.some((r: K8sObject) => r.name === 'starter-stack-credentials' && r.key === 'MONGO_ROOT_PASSWORD'),
    );
    assert.equal(env.find((e) => e.name === 'MONGO_INITDB_ROOT_USERNAME')?.value, 'root');
  });

  for (const [db, app, pvc] of [
    ['postgres', 'fastapi', 'postgres-pvc'],
    ['postgres-go', 'go-api', 'postgres-go-pvc'],
  ] as const) {
    it(`${db} (for ${app}): Deployment, Service 5432, PVC ${pvc}, ConfigMap + Secret injected as env`, () => {
      const pg = stack.find('Deployment', db);
      assert.ok(servicePort(stack.find('Service', db), 5432));
      stack.find('PersistentVolumeClaim', pvc);
      assert.equal(
        podSpec(pg).volumes.find((v: K8sObject) => v.persistentVolumeClaim)?.persistentVolumeClaim.claimName,
        pvc,
      );
      const env = (podSpec(pg).containers as K8sObject[])[0]!.env as K8sObject[];
      assert.ok(env.some((e) => e.valueFrom?.configMapKeyRef?.name === `${db}-config`));
      const key = db === 'postgres' ? 'POSTGRES_PASSWORD' : 'POSTGRES_GO_PASSWORD';
      assert.ok(
        env.some(
          (e) =>
            e.valueFrom?.secretKeyRef?.name === 'starter-stack-credentials' && e.valueFrom.secretKeyRef.key === key,
        ),
      );
    });
  }

  it('node-api: HPA autoscaling/v2 min 2 / max 5 on CPU utilization, Mongo URL from a Secret, /metrics scraped, probes', () => {
    const hpa = stack.find('HorizontalPodAutoscaler', 'node-api');
    assert.equal(hpa.apiVersion, 'autoscaling/v2');
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [2, 5]);
    assert.equal(hpa.spec.metrics[0].resource.name, 'cpu');
    assert.equal(hpa.spec.metrics[0].resource.target.type, 'Utilization');
    const deploy = stack.find('Deployment', 'node-api');
    const api = container(deploy, 'node-api');
    assert.equal(
      api.env.find((e: K8sObject) => e.name === 'MONGO_PASSWORD').valueFrom.secretKeyRef.name,
      'starter-stack-credentials',
    );
    assert.match(
      api.env.find((e: K8sObject) => e.name === 'MONGO_URL').value as string,
      /^mongodb:\/\/root:\$\(MONGO_PASSWORD\)@mongo:27017\//,
    );
    assert.equal(deploy.spec.template.metadata.annotations['prometheus.io/scrape'], 'true');
    assert.equal(deploy.spec.template.metadata.annotations['prometheus.io/path'], '/metrics');
    assert.equal(probePath(api, 'livenessProbe'), '/healthz');
    assert.equal(probePath(api, 'readinessProbe'), '/readyz');
  });

  it('fastapi: liveness + readiness probes, HPA, DB settings from ConfigMap + Secret', () => {
    const api = container(stack.find('Deployment', 'fastapi'), 'fastapi');
    assert.equal(probePath(api, 'livenessProbe'), '/healthz');
    assert.equal(probePath(api, 'readinessProbe'), '/readyz');
    stack.find('HorizontalPodAutoscaler', 'fastapi');
    assert.ok((api.envFrom as K8sObject[]).some((e) => e.configMapRef?.name === 'fastapi-config'));
    assert.ok(
      (api.env as K8sObject[]).some(
        (e) =>
          e.valueFrom?.secretKeyRef?.name === 'starter-stack-credentials' &&
          e.valueFrom.secretKeyRef.key === 'POSTGRES_PASSWORD',
      ),
    );
  });

  it('go-api: RollingUpdate maxUnavailable 0 / maxSurge 1, /metrics, uses postgres-go', () => {
    const deploy = stack.find('Deployment', 'go-api');
    assert.equal(deploy.spec.strategy.type, 'RollingUpdate');
    assert.equal(deploy.spec.strategy.rollingUpdate.maxUnavailable, 0);
    assert.equal(deploy.spec.strategy.rollingUpdate.maxSurge, 1);
    assert.equal(deploy.spec.template.metadata.annotations['prometheus.io/path'], '/metrics');
    assert.equal(stack.find('ConfigMap', 'go-api-config').data.DB_HOST, 'postgres-go');
  });

  it('frontend: Service port 80, readiness httpGet /, liveness httpGet /healthz, rolling updates', () => {
    const deploy = stack.find('Deployment', 'frontend');
    assert.ok(servicePort(stack.find('Service', 'frontend'), 80));
    const web = container(deploy, 'frontend');
    assert.equal(probePath(web, 'readinessProbe'), '/');
    assert.equal(probePath(web, 'livenessProbe'), '/healthz');
    assert.equal(deploy.spec.strategy.type, 'RollingUpdate');
  });

  it('ingress: networking.k8s.io/v1, host 127.0.0.1.nip.io, / and the three API prefixes', () => {
    const [ingress, ...others] = stack.all('Ingress');
    assert.equal(others.length, 0, 'one Ingress is the single entry point');
    assert.equal(ingress!.apiVersion, 'networking.k8s.io/v1');
    const rule = ingress!.spec.rules[0];
    assert.equal(rule.host, '127.0.0.1.nip.io');
    const routes = Object.fromEntries((rule.http.paths as K8sObject[]).map((p) => [p.path, p.backend.service.name]));
    assert.deepEqual(routes, {
      '/': 'frontend',
      '/api-node': 'node-api',
      '/api-python': 'fastapi',
      '/api-go': 'go-api',
    });
  });

  it('node-exporter: a DaemonSet (one pod per node) on port 9100, scraped by Prometheus', () => {
    const ds = stack.find('DaemonSet', 'node-exporter');
    assert.ok((container(ds, 'node-exporter').ports as K8sObject[]).some((p) => p.containerPort === 9100));
    const config = stack.find('ConfigMap', 'prometheus-config').data['prometheus.yml'] as string;
    assert.match(config, /job_name: node-exporter/);
  });

  it('prometheus: kubernetes_sd_configs jobs, RBAC get/list/watch on pods, services, endpoints, nodes, Service 9090, PVC', () => {
    const config = stack.find('ConfigMap', 'prometheus-config').data['prometheus.yml'] as string;
    assert.match(config, /kubernetes_sd_configs/);
    assert.match(config, /prometheus_io_scrape/);
    stack.find('ServiceAccount', 'prometheus');
    const role = stack.find('ClusterRole', 'starter-prometheus');
    const core = (role.rules as K8sObject[]).find((r) => r.apiGroups.includes(''));
    for (const resource of ['pods', 'services', 'endpoints', 'nodes'])
      assert.ok(core!.resources.includes(resource), resource);
    for (const verb of ['get', 'list', 'watch']) assert.ok(core!.verbs.includes(verb), verb);
    const binding = stack.find('ClusterRoleBinding', 'starter-prometheus');
    assert.deepEqual(
      [binding.roleRef.name, binding.subjects[0].name, binding.subjects[0].namespace],
      ['starter-prometheus', 'prometheus', 'starter'],
    );
    assert.ok(servicePort(stack.find('Service', 'prometheus'), 9090));
    stack.find('PersistentVolumeClaim', 'prometheus-pvc');
  });

  it('grafana: Service 3000, datasources Prometheus + Loki, a dashboard per API, embedding and anonymous Viewer', () => {
    assert.ok(servicePort(stack.find('Service', 'grafana'), 3000));
    const datasources = stack.find('ConfigMap', 'grafana-datasources').data['datasources.yaml'] as string;
    assert.match(datasources, /type: prometheus/);
    assert.match(datasources, /type: loki/);
    const dashboards = stack.find('ConfigMap', 'grafana-dashboards').data as Record<string, string>;
    for (const api of ['node-api', 'fastapi', 'go-api']) {
      const dashboard = JSON.parse(dashboards[`${api}.json`]!) as K8sObject;
      const queries = (dashboard.panels as K8sObject[]).flatMap((p) =>
        (p.targets as K8sObject[]).map((t) => t.expr as string),
      );
      for (const metric of [
        'http_requests_total',
        'http_request_duration_seconds_bucket',
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'process_start_time_seconds',
      ]) {
        assert.ok(
          queries.some((q) => q.includes(metric) && q.includes(`app="${api}"`)),
          `${api} dashboard queries ${metric}`,
        );
      }
    }
    const ini = stack.find('ConfigMap', 'grafana-config').data['grafana.ini'] as string;
    assert.match(ini, /allow_embedding\s*=\s*true/);
    assert.match(ini, /org_role\s*=\s*Viewer/);
  });

  it('loki: single binary with Service 3100 and a PVC; logs shipped by Grafana Alloy, not Promtail', () => {
    assert.ok(servicePort(stack.find('Service', 'loki'), 3100));
    stack.find('PersistentVolumeClaim', 'loki-pvc');
    const alloy = stack.find('Deployment', 'alloy');
    assert.match(container(alloy, 'alloy').image as string, /^grafana\/alloy:v/);
    assert.match(stack.find('ConfigMap', 'alloy-config').data['config.alloy'] as string, /loki\.write/);
    assert.ok(!stack.files.some((f) => /promtail/i.test(f.content.replace(/^\s*#.*$/gm, ''))), 'no Promtail anywhere');
  });

  it('metrics-server is off by default and one option away', async () => {
    assert.equal(stack.all('APIService').length, 0);
    const withMetrics = await renderStack({ metricsServer: true });
    assert.equal(withMetrics.find('APIService', 'v1beta1.metrics.k8s.io').spec.service.namespace, 'kube-system');
  });
});
