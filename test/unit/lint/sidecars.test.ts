import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from './helpers';

// A pod whose `metrics` port is served by a native sidecar (an init container with restartPolicy: Always),
// next to an ordinary init container that runs to completion.
const deployment = (sidecarPolicy: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: profile
spec:
  replicas: 2
  selector:
    matchLabels:
      app: profile
  template:
    metadata:
      labels:
        app: profile
    spec:
      initContainers:
        - name: migrate
          image: example/migrate:1.0.0
          resources:
            requests: { cpu: 10m, memory: 16Mi }
            limits: { cpu: 10m, memory: 16Mi }
        - name: proxy
          image: example/proxy:1.0.0
          ${sidecarPolicy}
          ports:
            - name: metrics
              containerPort: 9090
          readinessProbe:
            httpGet: { path: /ready, port: metrics }
          livenessProbe:
            httpGet: { path: /alive, port: metrics }
      containers:
        - name: app
          image: example/app:1.0.0
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: { path: /ready, port: http }
          livenessProbe:
            httpGet: { path: /alive, port: http }
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: profile
spec:
  selector:
    app: profile
  ports:
    - name: metrics
      port: 9090
      targetPort: metrics
`;

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: profile
spec:
  rules:
    - http:
        paths:
          - path: /metrics
            pathType: Prefix
            backend:
              service:
                name: profile
                port:
                  name: metrics
`;

function findings(sidecarPolicy: string) {
  return lint({
    'file:///app/deploy.yaml': deployment(sidecarPolicy),
    'file:///app/svc.yaml': service,
    'file:///app/ingress.yaml': ingress,
  });
}

describe('native sidecars (init containers with restartPolicy: Always)', () => {
  it("resolve a Service's and an Ingress's named targetPort, as Kubernetes' FindPort does", () => {
    const found = findings('restartPolicy: Always').filter((f) =>
      ['service-target-port', 'ingress-chain'].includes(f.rule),
    );
    assert.deepEqual(
      found.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });

  it('an ordinary init container serves no port: the named targetPort stays an error, with the names it could be', () => {
    const found = findings('restartPolicy: OnFailure').filter((f) => f.rule === 'service-target-port');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, 'error');
    assert.match(found[0]?.message ?? '', /named ports: http\)/);
  });

  it('are long-running containers: probes and requests are expected of them, not of ordinary init containers', () => {
    const bare = (policy: string) =>
      lint({
        'file:///a.yaml': deployment(policy)
          .replace(/ {10}readinessProbe:\n.*port: metrics }\n {10}livenessProbe:\n.*port: metrics }\n/, '')
          .replace('- name: app', '- name: app\n          resources:\n            requests: { cpu: 1, memory: 1Gi }'),
      });
    const sidecar = bare('restartPolicy: Always');
    assert.ok(
      sidecar.some((f) => f.rule === 'probe-missing' && f.message.startsWith('Sidecar container "proxy" has no')),
      'a sidecar without probes is reported',
    );
    assert.ok(!sidecar.some((f) => f.rule === 'probe-missing' && f.message.includes('"migrate"')));
    assert.ok(!bare('restartPolicy: OnFailure').some((f) => f.rule === 'probe-missing' && f.message.includes('proxy')));
  });

  it('count in the HPA CPU-utilization check, as the HPA sums their requests', () => {
    const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: profile
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: profile
  minReplicas: 2
  maxReplicas: 5
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
    const withRequests = deployment('restartPolicy: Always').replace(
      '- name: app',
      '- name: app\n          resources:\n            requests: { cpu: 1, memory: 1Gi }',
    );
    const found = lint({ 'file:///a/deploy.yaml': withRequests, 'file:///a/hpa.yaml': hpa }).filter(
      (f) => f.rule === 'hpa-cpu-request',
    );
    assert.deepEqual(
      found.map((f) => f.message.includes('"proxy"')),
      [true],
    );
  });
});
