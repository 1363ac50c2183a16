import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lintOne } from './helpers';

// Each case is one family of the API server's validation: the manifest must get exactly the expected
// api-validation messages, on the line of the field they name (the line carrying `# here`).
const pod = (spec: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n${spec}`;
const container = (fields: string) =>
  pod('').replace('      image: nginx:1.27\n', `      image: nginx:1.27\n${fields}`);
const deployment = (spec: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n${spec}  selector:\n    matchLabels: { app: d }\n  template:\n    metadata:\n      labels: { app: d }\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n`;

const job = (spec: string, restartPolicy: string) =>
  `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n${spec}  template:\n    spec:\n      restartPolicy: ${restartPolicy}\n      containers: [{ name: a, image: "busybox:1.36" }]\n`;

const CASES: Record<string, [manifest: string, messages: string[]]> = {
  'Job backoffLimit': [
    'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  backoffLimit: -1 # here\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: a, image: "busybox:1.36" }]\n',
    ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
  ],
  'Job per-index backoff without Indexed completion': [
    job('  completions: 4\n  backoffLimitPerIndex: 2 # here\n  maxFailedIndexes: 1 # here\n', 'Never'),
    [
      'spec.backoffLimitPerIndex: Invalid value: 2: requires indexed completion mode',
      'spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode',
    ],
  ],
  'Job maxFailedIndexes without backoffLimitPerIndex': [
    job('  completionMode: Indexed\n  completions: 4\n  maxFailedIndexes: 1 # here\n', 'Never'),
    ['spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified'],
  ],
  'Indexed Job with per-index backoff, and a pod failure policy with Never': [
    job(
      '  completionMode: Indexed\n  completions: 4\n  backoffLimitPerIndex: 2\n  maxFailedIndexes: 1\n  podReplacementPolicy: Failed\n  podFailurePolicy:\n    rules: [{ action: Ignore, onPodConditions: [{ type: DisruptionTarget }] }]\n',
      'Never',
    ),
    [],
  ],
  'Job with a pod failure policy that restarts OnFailure or replaces terminating pods': [
    job(
      '  podReplacementPolicy: TerminatingOrFailed # here\n  podFailurePolicy:\n    rules: [{ action: FailJob, onExitCodes: { operator: In, values: [3] } }]\n',
      'OnFailure # here',
    ),
    [
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
      'spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"',
    ],
  ],
  'CronJob jobTemplate with per-index backoff and NonIndexed completion': [
    'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      completionMode: NonIndexed\n      backoffLimitPerIndex: 1 # here\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{ name: a, image: "busybox:1.36" }]\n',
    ['spec.jobTemplate.spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode'],
  ],
  'Deployment replicas, minReadySeconds, progressDeadlineSeconds': [
    deployment('  replicas: -1 # here\n  minReadySeconds: 30\n  progressDeadlineSeconds: 30 # here\n'),
    [
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds',
    ],
  ],
  'Deployment Recreate with rollingUpdate': [
    deployment('  strategy:\n    type: Recreate\n    rollingUpdate: # here\n      maxSurge: 1\n'),
    ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
  ],
  'Deployment maxUnavailable and maxSurge both 0': [
    deployment('  strategy:\n    rollingUpdate:\n      maxUnavailable: 0 # here\n      maxSurge: 0%\n'),
    ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
  ],
  'StatefulSet OnDelete with rollingUpdate': [
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  serviceName: s\n  updateStrategy:\n    type: OnDelete\n    rollingUpdate: # here\n      partition: 1\n  selector: { matchLabels: { app: s } }\n  template:\n    metadata: { labels: { app: s } }\n    spec:\n      containers: [{ name: a, image: "busybox:1.36" }]\n',
    [
      'spec.updateStrategy.rollingUpdate: Invalid value: "rollingUpdate": only allowed for updateStrategy \'RollingUpdate\'',
    ],
  ],
  'CronJob deadlines, history limits and name length': [
    `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${'c'.repeat(53)} # here\nspec:\n  schedule: "* * * * *"\n  startingDeadlineSeconds: -1 # here\n  failedJobsHistoryLimit: -1 # here\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{ name: a, image: "busybox:1.36" }]\n`,
    [
      `metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`,
      'spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ],
  ],
  'HPA minReplicas and maxReplicas': [
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: d }\n  minReplicas: 0 # here\n  maxReplicas: 0 # here\n',
    [
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
    ],
  ],
  'HPA behavior: select policy, window, policies': [
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: d }\n  maxReplicas: 5\n  behavior:\n    scaleUp:\n      selectPolicy: Maximum # here\n      stabilizationWindowSeconds: 7200 # here\n      policies:\n        - type: Pod # here\n          value: 0 # here\n          periodSeconds: 3600 # here\n    scaleDown:\n      selectPolicy: Disabled\n      policies: [{ type: Percent, value: 50, periodSeconds: 60 }]\n',
    [
      'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Maximum": supported values: "Max", "Min", "Disabled"',
      'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 7200: must be less than or equal to 3600',
      'spec.behavior.scaleUp.policies[0].type: Unsupported value: "Pod": supported values: "Pods", "Percent"',
      'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800',
    ],
  ],
  'HPA metric types (autoscaling/v2)': [
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: d }\n  maxReplicas: 5\n  metrics:\n    - type: Resource\n      resource: { name: cpu, target: { type: Utilization, averageUtilization: 60 } }\n    - type: external # here\n      external:\n        metric: { name: queue_depth }\n        target: { type: AverageValue, averageValue: "30" }\n    - type: ContainerResource\n      containerResource: { name: cpu, container: app, target: { type: Utilization, averageUtilization: 60 } }\n',
    [
      'spec.metrics[1].type: Unsupported value: "external": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
    ],
  ],
  'PodDisruptionBudget with both bounds, a bad percent and policy': [
    'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: b\nspec:\n  minAvailable: 150% # here\n  maxUnavailable: 1 # here\n  unhealthyPodEvictionPolicy: Always # here\n  selector: { matchLabels: { app: d } }\n',
    [
      'spec.minAvailable: Invalid value: "150%": must not be greater than 100%',
      'spec.maxUnavailable: Forbidden: minAvailable and maxUnavailable cannot be both set',
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Always": supported values: "IfHealthyBudget", "AlwaysAllow"',
    ],
  ],
  'int-or-percent strings that are no percent: PDB, Deployment and DaemonSet rolling updates': [
    'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: b\nspec:\n  maxUnavailable: "1" # here\n  selector: { matchLabels: { app: d } }\n---\n' +
      deployment('  strategy:\n    rollingUpdate:\n      maxUnavailable: "25 %" # here\n      maxSurge: 200%\n') +
      '---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: "2" # here\n      maxSurge: 150% # here\n  selector: { matchLabels: { app: ds } }\n  template:\n    metadata: { labels: { app: ds } }\n    spec:\n      containers: [{ name: a, image: "busybox:1.36" }]\n',
    [
      "spec.maxUnavailable: Invalid value: \"1\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"25 %\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"2\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "150%": must not be greater than 100%',
    ],
  ],
  'counts and percents that are fine, an OnDelete DaemonSet, placeholders': [
    'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: b\nspec:\n  minAvailable: "50%"\n  selector: { matchLabels: { app: d } }\n---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: c\nspec:\n  maxUnavailable: 1\n  selector: { matchLabels: { app: d } }\n---\n' +
      deployment('  strategy:\n    rollingUpdate:\n      maxUnavailable: ${MAX_UNAVAILABLE}\n      maxSurge: 1\n') +
      '---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  updateStrategy:\n    type: OnDelete\n  selector: { matchLabels: { app: ds } }\n  template:\n    metadata: { labels: { app: ds } }\n    spec:\n      containers: [{ name: a, image: "busybox:1.36" }]\n',
    [],
  ],
  'projected service account token lifetimes': [
    pod(
      '  volumes:\n    - name: token\n      projected:\n        sources:\n          - serviceAccountToken: { path: short, audience: vault, expirationSeconds: 300 } # here\n          - serviceAccountToken:\n              path: long\n              expirationSeconds: 5000000000 # here\n          - serviceAccountToken: { path: ok, expirationSeconds: 600 }\n          - serviceAccountToken: { path: default }\n',
    ),
    [
      'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes',
      'spec.volumes[0].projected.sources[1].serviceAccountToken.expirationSeconds: Invalid value: 5000000000: may not specify a duration larger than 2^32 seconds',
    ],
  ],
  'RuntimeClass handler (node.k8s.io/v1)': [
    'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: kata-fc\nhandler: kata_fc # here\n---\napiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: gvisor\nhandler: runsc\n',
    [
      'handler: Invalid value: "kata_fc": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
    ],
  ],
  'LimitRange types': [
    'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\nspec:\n  limits:\n    - type: Containers # here\n      default: { cpu: 500m }\n    - type: Container\n      default: { memory: 1Gi }\n    - type: PersistentVolumeClaim\n      max: { storage: 1Ti }\n    - type: example.com/accelerator\n      max: { example.com/gpu: 2 }\n',
    ['spec.limits[0].type: Invalid value: "Containers": must be a standard limit type or fully qualified'],
  ],
  'NodePort outside the node port range': [
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n  selector: { app: d }\n  ports:\n    - name: http\n      port: 80\n      nodePort: 80 # here\n    - name: https\n      port: 443\n      nodePort: 30443\n',
    [
      'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  ],
  'object names': [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: My_Config # here\n  namespace: Team-A # here\n',
    [
      "metadata.name: Invalid value: \"My_Config\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      'metadata.namespace: Invalid value: "Team-A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
    ],
  ],
  'container names and duplicates': [
    pod('    - name: app # here\n      image: nginx:1.27\n'),
    ['spec.containers[1].name: Duplicate value: "app"'],
  ],
  'container ports and port names': [
    container('      ports:\n        - containerPort: 0 # here\n          name: metrics-endpoint-1 # here\n'),
    [
      'spec.containers[0].ports[0].containerPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[0].name: Invalid value: "metrics-endpoint-1": must be no more than 15 characters',
    ],
  ],
  'env names and downward API fields': [
    container(
      '      env:\n        - name: "A=B" # here\n          valueFrom:\n            fieldRef:\n              fieldPath: metadata.labels # here\n',
    ),
    [
      'spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    ],
  ],
  'requests above limits and negative quantities': [
    container(
      '      resources:\n        requests:\n          memory: 2Gi # here\n          cpu: "-1" # here\n        limits:\n          memory: 1Gi\n',
    ),
    [
      'spec.containers[0].resources.requests.memory: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
      'spec.containers[0].resources.requests.cpu: Invalid value: "-1": must be greater than or equal to 0',
    ],
  ],
  'extended resources: a request needs a limit and equals it, in whole numbers': [
    container(
      '      resources:\n        requests:\n          nvidia.com/gpu: 1 # here\n          example.com/fpga: 1 # here\n          hugepages-2Mi: 64Mi # here\n          memory: 1Gi\n        limits:\n          nvidia.com/gpu: 2\n          hugepages-2Mi: 128Mi\n          amd.com/gpu: 500m # here\n          memory: 2Gi\n',
    ),
    [
      'spec.containers[0].resources.requests.nvidia.com/gpu: Invalid value: 1: must be equal to nvidia.com/gpu limit of 2',
      'spec.containers[0].resources.limits.example.com/fpga: Required value: Limit must be set for non overcommitable resources',
      'spec.containers[0].resources.requests.hugepages-2Mi: Invalid value: "64Mi": must be equal to hugepages-2Mi limit of 128Mi',
      'spec.containers[0].resources.limits.amd.com/gpu: Invalid value: "500m": must be an integer',
    ],
  ],
  'extended resources that are fine: equal, limit only, native names below their limit': [
    container(
      '      resources:\n        requests:\n          nvidia.com/gpu: "1"\n          cpu: 100m\n          memory: 1Gi\n          ephemeral-storage: 1Gi\n        limits:\n          nvidia.com/gpu: 1\n          example.com/fpga: 2\n          cpu: "1"\n          memory: 2Gi\n',
    ),
    [],
  ],
  probes: [
    container(
      '      readinessProbe: # here\n        initialDelaySeconds: -1 # here\n        terminationGracePeriodSeconds: 10 # here\n',
    ),
    [
      'spec.containers[0].readinessProbe: Required value: must specify a handler type',
      'spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes',
    ],
  ],
  'volume names, duplicates, sources, modes and mount paths': [
    pod(
      '  volumes:\n    - name: Data # here\n      emptyDir: {}\n    - name: Data # here\n      secret: { secretName: s, defaultMode: 1000 } # here\n',
    ),
    [
      'spec.volumes[1].name: Duplicate value: "Data"',
      'spec.volumes[0].name: Invalid value: "Data": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
      'spec.volumes[1].name: Invalid value: "Data": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
      'spec.volumes[1].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
    ],
  ],
  tolerations: [
    pod('  tolerations:\n    - operator: Equal # here\n    - key: k\n      operator: Exists # here\n      value: v\n'),
    [
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[1].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'',
    ],
  ],
  'topology spread, security ids and activeDeadlineSeconds': [
    pod(
      '  activeDeadlineSeconds: 0 # here\n  securityContext:\n    runAsUser: -1 # here\n  topologySpreadConstraints:\n    - maxSkew: 0 # here\n      topologyKey: zone\n      whenUnsatisfiable: DoNotSchedule\n',
    ),
    [
      'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
      'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ],
  ],
  'ephemeralContainers on create': [
    pod('  ephemeralContainers: # here\n    - name: debug\n      image: busybox:1.36\n'),
    ['spec.ephemeralContainers: Forbidden: cannot be set on create'],
  ],
  'Service ports': [
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - name: web\n      port: 80\n      targetPort: my_port # here\n    - name: web # here\n      port: 80 # here\n',
    [
      'spec.ports[0].targetPort: Invalid value: "my_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ports[1].name: Duplicate value: "web"',
      'spec.ports[1]: Duplicate value: "80/TCP"',
    ],
  ],
  'Ingress paths and backends': [
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /a//b # here\n            pathType: Exact\n            backend:\n              service:\n                name: s\n                port: { name: http, number: 80 } # here\n',
    [
      'spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain \'//\'',
      'spec.rules[0].http.paths[0].backend.service.port: Invalid value: "": cannot set both port name & port number',
    ],
  ],
  'Ingress without rules or default backend': [
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec: # here\n  ingressClassName: nginx\n',
    ['spec: Invalid value: []: either `defaultBackend` or `rules` must be specified'],
  ],
  'NetworkPolicy peers and ports': [
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: n\nspec:\n  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: { cidr: 10.0.0.0 } # here\n          namespaceSelector: {}\n      ports:\n        - port: dns\n          endPort: 60 # here\n',
    [
      'spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer',
      'spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      'spec.egress[0].ports[0].endPort: Invalid value: 60: may not be specified when `port` is non-numeric',
    ],
  ],
  'ConfigMap and Secret keys': [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  "..x": a # here\n  dup: a # here\nbinaryData:\n  dup: YQ==\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: t\ntype: kubernetes.io/tls # here\nstringData:\n  tls.crt: x\n',
    [
      'data...x: Invalid value: "..x": must not start with \'..\'',
      'data.dup: Invalid value: "dup": duplicate of key present in binaryData',
      'data.tls.key: Required value',
    ],
  ],
  "RBAC roleRef (its subjects are binding-subject's)": [
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role # here\n  name: r\nsubjects:\n  - kind: ServiceAccount\n    apiGroup: rbac.authorization.k8s.io\n    name: sa\n    namespace: default\n',
    ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"'],
  ],
  'PriorityClass value': [
    'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: top\nvalue: 1000000001 # here\n',
    ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
  ],
  'StorageClass reclaimPolicy Recycle': [
    'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: scratch\nprovisioner: kubernetes.io/no-provisioner\nreclaimPolicy: Recycle # here\n',
    ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'],
  ],
  'StorageClass Retain and a PersistentVolume that recycles (deprecated, still accepted)': [
    'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: keep\nprovisioner: ebs.csi.aws.com\nreclaimPolicy: Retain\n---\napiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: scratch\nspec:\n  capacity: { storage: 1Gi }\n  accessModes: [ReadWriteOnce]\n  persistentVolumeReclaimPolicy: Recycle\n  nfs: { server: nfs.example.com, path: /exports }\n',
    [],
  ],
};

describe('api-validation', () => {
  for (const [family, [manifest, messages]] of Object.entries(CASES)) {
    it(`reports ${family} as the API server does, on the field's line`, () => {
      const found = lintOne(manifest).filter((f) => f.rule === 'api-validation');
      assert.deepEqual(found.map((f) => f.message).sort(), [...messages].sort());
      const lines = manifest.split('\n').flatMap((l, i) => (l.includes('# here') ? [i] : []));
      assert.deepEqual(
        [...new Set(found.map((f) => f.range.start.line))].sort((a, b) => a - b),
        lines,
      );
      assert.ok(found.every((f) => f.severity === 'error'));
    });
  }

  it("a toleration's value beside operator Exists: the finding on operator, as the API server names it, pointing at the value", () => {
    const found = lintOne(pod('  tolerations:\n    - key: k\n      operator: Exists\n      value: v\n')).filter(
      (f) => f.rule === 'api-validation',
    );
    assert.deepEqual(
      found.map((f) => [f.range.start.line, f.related?.map((r) => [r.range.start.line, r.message])]),
      [[10, [[11, 'spec.tolerations[0].value']]]],
    );
  });

  it('fixes an extended resource: the request set to its limit, or the missing limit added', () => {
    const gpu = (resources: string) => container(`      resources:\n${resources}`);
    for (const [text, titles] of [
      [
        gpu('        requests:\n          nvidia.com/gpu: 1\n        limits:\n          nvidia.com/gpu: "2"\n'),
        ['Set the nvidia.com/gpu request to its limit (2)', 'Set the nvidia.com/gpu limit to the request (1)'],
      ],
      [
        gpu('        requests:\n          nvidia.com/gpu: 1\n          cpu: 1\n        limits:\n          cpu: 2\n'),
        ['Add the limit nvidia.com/gpu: 1 (the request must equal it)'],
      ],
      [
        gpu('        requests:\n          nvidia.com/gpu: 1\n'),
        ['Add the limit nvidia.com/gpu: 1 (the request must equal it)'],
      ],
    ] as const) {
      const [finding, ...others] = lintOne(text).filter((f) => f.rule === 'api-validation');
      assert.equal(others.length, 0);
      assert.deepEqual(
        finding?.fixes?.map((f) => f.title),
        titles,
      );
      for (const fix of finding?.fixes ?? []) {
        const fixed = applyEdits(text, fix.edits);
        const after = lintOne(fixed).filter((f) => ['api-validation', 'schema', 'yaml-syntax'].includes(f.rule));
        assert.deepEqual(after, [], `${fix.title} leaves:\n${fixed}`);
      }
    }
  });

  it('fixes a StorageClass that recycles to Delete or Retain', () => {
    const text =
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: scratch\nprovisioner: kubernetes.io/no-provisioner\nreclaimPolicy: Recycle\n';
    const [finding] = lintOne(text).filter((f) => f.rule === 'api-validation');
    assert.deepEqual(
      finding?.fixes?.map((f) => [f.title, applyEdits(text, f.edits).split('\n')[5]]),
      [
        ['Set reclaimPolicy to Delete', 'reclaimPolicy: Delete'],
        ['Set reclaimPolicy to Retain', 'reclaimPolicy: Retain'],
      ],
    );
    for (const fix of finding?.fixes ?? []) assert.deepEqual(lintOne(applyEdits(text, fix.edits)), []);
  });

  it("fixes an HPA's selectPolicy to the policy it most likely meant", () => {
    const hpa = (policy: string) =>
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: d }\n  maxReplicas: 5\n  behavior:\n    scaleUp:\n      selectPolicy: ${policy}\n`;
    const fixed = (policy: string) => {
      const text = hpa(policy);
      const [finding] = lintOne(text).filter((f) => f.rule === 'api-validation');
      return finding?.fixes?.map((f) => applyEdits(text, f.edits).split('\n')[9]);
    };
    assert.deepEqual(fixed('Maximum'), ['      selectPolicy: Max']);
    assert.deepEqual(fixed('min'), ['      selectPolicy: Min']);
    assert.deepEqual(fixed('Disabeld'), ['      selectPolicy: Disabled']);
    assert.equal(fixed('Sometimes'), undefined);
  });

  it("fixes an HPA metric's type to the source type it most likely meant", () => {
    const hpa = (type: string) =>
      `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: d }\n  maxReplicas: 5\n  metrics:\n    - type: ${type}\n      pods:\n        metric: { name: rps }\n        target: { type: AverageValue, averageValue: "10" }\n`;
    const fixed = (type: string) => {
      const text = hpa(type);
      const [finding] = lintOne(text).filter((f) => f.rule === 'api-validation');
      return finding?.fixes?.map((f) => applyEdits(text, f.edits).split('\n')[8]);
    };
    assert.deepEqual(fixed('pods'), ['    - type: Pods']);
    assert.deepEqual(fixed('Pod'), ['    - type: Pods']);
    assert.deepEqual(fixed('Extrenal'), ['    - type: External']);
    assert.equal(fixed('Custom'), undefined);
    assert.deepEqual(
      lintOne(hpa('Pods')).filter((f) => f.rule === 'api-validation'),
      [],
    );
  });

  it('fixes a quoted count where a string must be a percent: the count written as a number', () => {
    const text =
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: b\nspec:\n  maxUnavailable: "1"\n  selector: { matchLabels: { app: d } }\n';
    const [finding, ...others] = lintOne(text).filter((f) => f.rule === 'api-validation');
    assert.equal(others.length, 0);
    const fixes = finding?.fixes ?? [];
    assert.deepEqual(
      fixes.map((f) => [f.title, applyEdits(text, f.edits).split('\n')[5]]),
      [['Write maxUnavailable as the number 1', '  maxUnavailable: 1']],
    );
    assert.deepEqual(
      lintOne(applyEdits(text, fixes[0]?.edits ?? [])).filter((f) => f.severity === 'error'),
      [],
    );
  });

  it('fixes a LimitRange type to the standard type it most likely meant', () => {
    const limitRange = (type: string) =>
      `apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\nspec:\n  limits:\n    - type: ${type}\n      default: { cpu: 500m }\n`;
    const fixed = (type: string) => {
      const text = limitRange(type);
      const [finding] = lintOne(text).filter((f) => f.rule === 'api-validation');
      return finding?.fixes?.map((f) => applyEdits(text, f.edits).split('\n')[6]);
    };
    assert.deepEqual(fixed('Containers'), ['    - type: Container']);
    assert.deepEqual(fixed('pod'), ['    - type: Pod']);
    assert.deepEqual(fixed('PVC'), undefined);
  });

  it('reports a binding subject the API server rejects once, under binding-subject', () => {
    const binding =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: default\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: r\nsubjects:\n  - kind: Serviceaccount\n    name: sa\n  - kind: User\n    apiGroup: example.com\n    name: jane\n';
    const errors = lintOne(binding).filter((f) => f.severity === 'error');
    assert.deepEqual(
      errors.map((f) => `${f.range.start.line} ${f.rule}`),
      ['10 binding-subject', '13 binding-subject'],
    );
  });

  it('leaves custom resources that reuse a built-in kind name, and template placeholders, alone', () => {
    const knative = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: Hello\nspec: {}\n';
    const templated = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${APP}-config\n';
    assert.deepEqual(
      lintOne(knative + '---\n' + templated).filter((f) => f.rule === 'api-validation'),
      [],
    );
  });
});
