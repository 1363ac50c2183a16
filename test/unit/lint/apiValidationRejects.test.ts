import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lintOne } from './helpers';

// What the API server's validation rejects beyond the schema, family by family, each with manifests it rejects and
// manifests it accepts (often after defaulting): exactly the expected api-validation messages, on the lines that carry
// `# here`. The passing cases are the ones a careless rule would get wrong.
const daemonSet = (strategy: string, apiVersion = 'apps/v1') =>
  `apiVersion: ${apiVersion}\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n${strategy}  selector: { matchLabels: { app: ds } }\n  template:\n    metadata: { labels: { app: ds } }\n    spec:\n      containers: [{ name: a, image: "busybox:1.36" }]\n`;
const deployment = (strategy: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n${strategy}  selector: { matchLabels: { app: d } }\n  template:\n    metadata: { labels: { app: d } }\n    spec:\n      containers: [{ name: a, image: "busybox:1.36" }]\n`;
const service = (spec: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n${spec}  ports: [{ name: http, port: 80 }]\n`;
const priorityClass = (name: string, rest: string) =>
  `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: ${name}\n${rest}`;
const ipBlock = (block: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: n\nspec:\n  podSelector: {}\n  egress:\n    - to:\n        - ipBlock:\n${block}`;
const pod = (spec: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{ name: a, image: "busybox:1.36" }]\n${spec}`;
const webhook = (kind: string, hook: string, apiVersion = 'admissionregistration.k8s.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: w\nwebhooks:\n${hook}`;
const validHook = (
  name: string,
  extra = '',
  client = '      service: { name: s, namespace: hooks, path: /validate-v1-pod }\n',
) =>
  `  - name: ${name}\n    admissionReviewVersions: [v1]\n    sideEffects: None\n${extra}    clientConfig:\n${client}`;

const cronJob = (spec: string) =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 3 * * *"\n${spec}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{ name: a, image: "busybox:1.36" }]\n`;

type Cases = Record<string, [manifest: string, messages: string[]]>;

const WORKLOADS: Cases = {
  'DaemonSet maxUnavailable 0 with maxSurge 0': [
    daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0 # here\n      maxSurge: 0\n'),
    ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
  ],
  'DaemonSet maxUnavailable 0% with maxSurge unset (it defaults to 0)': [
    daemonSet('  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 0% # here\n'),
    ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
  ],
  'DaemonSet maxSurge beside the default maxUnavailable of 1': [
    daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1 # here\n'),
    [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero (it defaults to 1)',
    ],
  ],
  'DaemonSet maxSurge beside a non-zero maxUnavailable': [
    daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 10%\n      maxSurge: 25% # here\n'),
    [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "25%": may not be set when maxUnavailable is non-zero',
    ],
  ],
  'DaemonSets that surge or take down one node at a time, OnDelete, and the removed extensions/v1beta1': [
    [
      daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 1\n'),
      daemonSet('  updateStrategy:\n    rollingUpdate: { maxUnavailable: "0%", maxSurge: "10%" }\n'),
      daemonSet('  updateStrategy:\n    type: RollingUpdate\n'),
      daemonSet(''),
      daemonSet('  updateStrategy:\n    type: OnDelete\n    rollingUpdate: { maxUnavailable: 0, maxSurge: 0 }\n'),
      daemonSet('  updateStrategy:\n    rollingUpdate: { maxSurge: 1 }\n', 'extensions/v1beta1'),
    ].join('---\n'),
    [],
  ],
  'a CronJob timeZone that is no zone of the time zone database': [
    cronJob('  timeZone: Europe/Frankfurt # here\n'),
    ['spec.timeZone: Invalid value: "Europe/Frankfurt": unknown time zone Europe/Frankfurt'],
  ],
  'CronJob time zones of the database, its links, and short names left to the API server': [
    [
      cronJob('  timeZone: Europe/Berlin\n'),
      cronJob('  timeZone: Asia/Calcutta\n'),
      cronJob('  timeZone: America/Argentina/Buenos_Aires\n'),
      cronJob('  timeZone: Etc/UTC\n'),
      cronJob('  timeZone: Factory\n'),
      cronJob('  timeZone: ${TZ}\n'),
    ].join('---\n'),
    [],
  ],
  'Deployment maxUnavailable 0% with maxSurge 0%': [
    deployment('  strategy:\n    rollingUpdate:\n      maxUnavailable: 0% # here\n      maxSurge: "0%"\n'),
    ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0'],
  ],
  'Deployments with one bound 0 (the other defaults to 25%), and an unknown strategy type (the schema reports it)': [
    [
      deployment('  strategy:\n    rollingUpdate: { maxUnavailable: 0 }\n'),
      deployment('  strategy:\n    rollingUpdate: { maxSurge: 0%, maxUnavailable: 1 }\n'),
      deployment('  strategy:\n    type: Rolling\n    rollingUpdate: { maxSurge: 0, maxUnavailable: 0 }\n'),
    ].join('---\n'),
    [],
  ],
};

const SERVICES: Cases = {
  'externalTrafficPolicy on a ClusterIP Service, written or defaulted': [
    service('  type: ClusterIP\n  externalTrafficPolicy: Local # here\n') +
      '---\n' +
      service('  externalTrafficPolicy: Cluster # here\n'),
    [
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
      'spec.externalTrafficPolicy: Invalid value: "Cluster": may only be set for externally-accessible services',
    ],
  ],
  'healthCheckNodePort without a LoadBalancer whose policy is Local': [
    service('  type: NodePort\n  externalTrafficPolicy: Local\n  healthCheckNodePort: 32000 # here\n'),
    [
      "spec.healthCheckNodePort: Invalid value: 32000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    ],
  ],
  'externally accessible Services with traffic policies (NodePort, LoadBalancer, ClusterIP with externalIPs)': [
    [
      service('  type: NodePort\n  externalTrafficPolicy: Local\n  internalTrafficPolicy: Local\n'),
      service('  type: LoadBalancer\n  externalTrafficPolicy: Local\n  healthCheckNodePort: 32000\n'),
      service('  externalIPs: [192.0.2.10]\n  externalTrafficPolicy: Local\n'),
    ].join('---\n'),
    [],
  ],
  'a ClientIP affinity timeout outside (0, 86400]': [
    service('  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 0 # here\n') +
      '---\n' +
      service('  sessionAffinity: ClientIP\n  sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } # here\n'),
    [
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400',
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400',
    ],
  ],
  'session affinity the API server accepts (a config without ClientIP is dropped by defaulting)': [
    [
      service('  sessionAffinity: ClientIP\n  sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } }\n'),
      service('  sessionAffinity: ClientIP\n'),
      service('  sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } }\n'),
      service('  sessionAffinity: None\n  sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }\n'),
    ].join('---\n'),
    [],
  ],
  'LoadBalancer-only fields on other Services, and a source range that is no CIDR': [
    service(
      '  type: NodePort\n  loadBalancerSourceRanges: # here\n    - 10.0.0.0/8\n  allocateLoadBalancerNodePorts: false # here\n  loadBalancerClass: example.com/lb # here\n',
    ) +
      '---\n' +
      service('  type: LoadBalancer\n  loadBalancerSourceRanges:\n    - 10.0.0.0/8\n    - 172.16.300.0/24 # here\n'),
    [
      "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
      "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
      "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
      'spec.LoadBalancerSourceRanges[1]: Invalid value: "172.16.300.0/24": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ],
  ],
  'a LoadBalancer with padded source ranges, its class and node ports, and an unvalidated loadBalancerIP': [
    service(
      '  type: LoadBalancer\n  loadBalancerSourceRanges: [" 10.0.0.0/8 ", "2001:db8::/32"]\n  allocateLoadBalancerNodePorts: false\n  loadBalancerClass: example.com/lb\n  loadBalancerIP: not-an-ip\n',
    ),
    [],
  ],
  'cluster IPs that are no IPs, and a headless NodePort': [
    service('  clusterIP: 10.96.0.300 # here\n') +
      '---\n' +
      service('  clusterIPs: [10.96.0.10, "fd00::1::2"] # here\n') +
      '---\n' +
      service('  type: NodePort\n  clusterIP: None # here\n'),
    [
      'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'spec.clusterIPs[1]: Invalid value: "fd00::1::2": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
    ],
  ],
  'external IPs that are no IPs or special ones': [
    service(
      '  externalIPs:\n    - 192.0.2.300 # here\n    - 127.0.0.1 # here\n    - 0.0.0.0 # here\n    - fe80::1 # here\n',
    ),
    [
      'spec.externalIPs[0]: Invalid value: "192.0.2.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'spec.externalIPs[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'spec.externalIPs[2]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
      'spec.externalIPs[3]: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
    ],
  ],
  'headless, dual-stack and zero-padded addresses the API server accepts': [
    [
      service('  clusterIP: None\n'),
      service('  clusterIP: ""\n'),
      service('  clusterIPs: [10.96.0.10, "fd00::10"]\n  clusterIP: 10.96.0.10\n'),
      service('  externalIPs: [010.001.002.003, "2001:db8::5", "::ffff:192.0.2.1"]\n'),
    ].join('---\n'),
    [],
  ],
  'an ExternalName that is a URL': [
    service('  type: ExternalName\n  externalName: https://db.example.com # here\n'),
    [
      "spec.externalName: Invalid value: \"https://db.example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    ],
  ],
  'ExternalNames that are DNS names (a trailing dot allowed)': [
    service('  type: ExternalName\n  externalName: db.example.com.\n') +
      '---\n' +
      service('  type: ExternalName\n  externalName: ${DB_HOST}\n'),
    [],
  ],
};

const OTHERS: Cases = {
  'PriorityClass names with the reserved system- prefix': [
    [
      priorityClass('system-storage-critical # here', 'value: 1000000\n'),
      priorityClass('system-cluster-critical # here', 'value: 1000\n'),
      priorityClass('system-node-critical # here', 'value: 2000001000\nglobalDefault: true\n'),
    ].join('---\n'),
    [
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-storage-critical is not a known system priority class",
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000",
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of system-node-critical PriorityClass must be false",
    ],
  ],
  'the two system PriorityClasses as they are, and a user default class': [
    [
      priorityClass('system-node-critical', 'value: 2000001000\n'),
      priorityClass('system-cluster-critical', 'value: 2000000000\nglobalDefault: false\n'),
      priorityClass('team-default', 'value: 1000\nglobalDefault: true\n'),
      priorityClass('systemic', 'value: 10\n'),
    ].join('---\n'),
    [],
  ],
  'ipBlock except entries outside their cidr, as wide as it, or of the other family': [
    ipBlock(
      '            cidr: 10.0.0.0/16\n            except:\n              - 10.1.0.0/24 # here\n              - 10.0.0.0/16 # here\n              - fd00::/64 # here\n',
    ),
    [
      'spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
      'spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
      'spec.egress[0].to[0].ipBlock.except[2]: Invalid value: "fd00::/64": must be a strict subset of `cidr`',
    ],
  ],
  'ipBlock except entries inside their cidr (host bits in the cidr are masked), IPv6 and open-ended': [
    ipBlock('            cidr: 10.1.2.3/8\n            except: [10.9.0.0/16, 10.0.0.1/32]\n') +
      '---\n' +
      ipBlock('            cidr: "fd00::/48"\n            except: ["fd00:0:0:1::/64"]\n') +
      '---\n' +
      ipBlock('            cidr: 0.0.0.0/0\n            except: [169.254.169.254/32, "${METADATA_CIDR}"]\n'),
    [],
  ],
  'LimitRange quantities out of order (min <= defaultRequest <= default <= max) and a ratio below 1': [
    'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\nspec:\n  limits:\n    - type: Container\n      default: { cpu: 500m, memory: 512Mi } # here\n      defaultRequest:\n        cpu: 100m # here\n        memory: 1Gi # here\n      max: { cpu: "4", memory: 8Gi }\n      min:\n        cpu: "5" # here\n      maxLimitRequestRatio:\n        cpu: "0.5" # here\n',
    [
      'spec.limits[0].defaultRequest.memory: Invalid value: "1Gi": default request value 1Gi is greater than default limit value 512Mi',
      'spec.limits[0].min.cpu: Invalid value: "5": min value 5 is greater than max value 4',
      'spec.limits[0].defaultRequest.cpu: Invalid value: "100m": min value 5 is greater than default request value 100m',
      'spec.limits[0].default.cpu: Invalid value: "5": min value 5 is greater than default value 500m',
      'spec.limits[0].maxLimitRequestRatio.cpu: Invalid value: "0.5": ratio 0.5 is less than 1',
    ],
  ],
  'LimitRange quantities in order, equal ones written differently, and a PVC range': [
    'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\nspec:\n  limits:\n    - type: Container\n      default: { cpu: "0.7", memory: 1Gi }\n      defaultRequest: { cpu: 700m, memory: 1024Mi }\n      max: { cpu: "4", memory: 8Gi }\n      min: { cpu: 10m, memory: 16Mi }\n      maxLimitRequestRatio: { cpu: "1" }\n    - type: PersistentVolumeClaim\n      max: { storage: 200Gi }\n      min: { storage: 1Gi }\n',
    [],
  ],
  'an ingressClassName that is no DNS subdomain': [
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  ingressClassName: Traefik # here\n  defaultBackend: { service: { name: web, port: { number: 80 } } }\n',
    [
      "spec.ingressClassName: Invalid value: \"Traefik\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    ],
  ],
  'hostAliases with an address that is no IP and an upper-case hostname': [
    pod(
      '  hostAliases:\n    - ip: 10.0.0.300 # here\n      hostnames:\n        - Registry.local # here\n        - registry.local.\n',
    ),
    [
      'spec.hostAliases[0].ip: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      "spec.hostAliases[0].hostnames[0]: Invalid value: \"Registry.local\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
    ],
  ],
  'Linux-only settings in a pod whose os is windows': [
    deployment('').replace(
      '    spec:\n      containers: [{ name: a, image: "busybox:1.36" }]\n',
      '    spec:\n      os: { name: windows }\n      hostPID: true # here\n      securityContext:\n        runAsUser: 1000 # here\n        windowsOptions: { runAsUserName: ContainerUser }\n      containers:\n        - name: a\n          image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"\n          securityContext:\n            readOnlyRootFilesystem: false # here\n            capabilities: { drop: [ALL] } # here\n',
    ),
    [
      'spec.template.spec.hostPID: Forbidden: cannot be set for a windows pod',
      'spec.template.spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod',
      'spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem: Forbidden: cannot be set for a windows pod',
      'spec.template.spec.containers[0].securityContext.capabilities: Forbidden: cannot be set for a windows pod',
    ],
  ],
  'Windows pods with Windows settings, and Linux or unspecified pods with Linux ones': [
    pod(
      '  os: { name: windows }\n  hostNetwork: true\n  securityContext:\n    runAsNonRoot: true\n    windowsOptions: { hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM" }\n',
    ) +
      '---\n' +
      pod('  os: { name: linux }\n  securityContext: { runAsUser: 1000, fsGroup: 2000 }\n') +
      '---\n' +
      pod('  securityContext: { runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: RuntimeDefault } }\n'),
    [],
  ],
  'an AppArmor annotation for a container the pod does not have, or with an unknown profile': [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/api: runtime/default # here\n    container.apparmor.security.beta.kubernetes.io/a: enforce # here\nspec:\n  containers: [{ name: a, image: "busybox:1.36" }]\n---\n' +
      deployment('').replace(
        '    metadata: { labels: { app: d } }\n',
        '    metadata:\n      labels: { app: d }\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/web: runtime/default # here\n',
      ),
    [
      'metadata.annotations[container.apparmor.security.beta.kubernetes.io/api]: Invalid value: "api": container not found',
      'metadata.annotations[container.apparmor.security.beta.kubernetes.io/a]: Invalid value: "enforce": invalid AppArmor profile name: "enforce"',
      'spec.template.annotations[container.apparmor.security.beta.kubernetes.io/web]: Invalid value: "web": container not found',
    ],
  ],
  'AppArmor annotations for init and app containers with known profiles': [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/init: localhost/k8s-init\n    container.apparmor.security.beta.kubernetes.io/a: unconfined\nspec:\n  initContainers: [{ name: init, image: "busybox:1.36" }]\n  containers: [{ name: a, image: "busybox:1.36" }]\n',
    [],
  ],
  'Endpoints addresses that are no IPs or loopback': [
    'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: db\nsubsets:\n  - addresses:\n      - ip: 10.0.0.256 # here\n      - ip: 10.0.0.5\n    notReadyAddresses:\n      - ip: 127.0.0.1 # here\n    ports: [{ port: 5432 }]\n',
    [
      'subsets[0].addresses[0].ip: Invalid value: "10.0.0.256": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[0].notReadyAddresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    ],
  ],
  "EndpointSlice addresses that are not of the slice's address type": [
    'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: db-v6\naddressType: IPv6\nendpoints:\n  - addresses: ["fd30:8::1g"] # here\n  - addresses:\n      - 10.0.0.5 # here\nports: [{ port: 5432 }]\n',
    [
      'endpoints[0].addresses[0]: Invalid value: "fd30:8::1g": must be a valid IPv6 address',
      'endpoints[1].addresses[0]: Invalid value: "10.0.0.5": must be a valid IPv6 address',
    ],
  ],
  'EndpointSlices of each address type, and an IPv4-mapped address in an IPv4 slice': [
    'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: a\naddressType: IPv4\nendpoints:\n  - addresses: [10.0.0.5, "::ffff:10.0.0.6"]\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: b\naddressType: IPv6\nendpoints:\n  - addresses: ["fd30:8::1"]\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: c\naddressType: FQDN\nendpoints:\n  - addresses: [db.example.com]\n',
    [],
  ],
};

const WEBHOOKS: Cases = {
  'webhook timeouts outside 1 to 30 seconds and side effects v1 refuses': [
    webhook(
      'ValidatingWebhookConfiguration',
      validHook('a.example.com', '    timeoutSeconds: 60 # here\n') +
        validHook('b.example.com', '    timeoutSeconds: 0 # here\n').replace(
          'sideEffects: None',
          'sideEffects: Some # here',
        ),
    ),
    [
      'webhooks[0].timeoutSeconds: Invalid value: 60: the timeout value must be between 1 and 30 seconds',
      'webhooks[1].timeoutSeconds: Invalid value: 0: the timeout value must be between 1 and 30 seconds',
      'webhooks[1].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"',
    ],
  ],
  'webhook names that are not fully qualified or repeat': [
    webhook(
      'MutatingWebhookConfiguration',
      validHook('inject # here') + validHook('inject.example.com') + validHook('inject.example.com # here'),
    ),
    [
      'webhooks[0].name: Invalid value: "inject": should be a domain with at least three segments separated by dots',
      'webhooks[2].name: Duplicate value: "inject.example.com"',
    ],
  ],
  'a clientConfig with both url and service, with neither, or with a url that is not plain https': [
    webhook(
      'ValidatingWebhookConfiguration',
      validHook(
        'a.example.com',
        '',
        '      url: https://hooks.example.com/validate\n      service: { name: s, namespace: hooks }\n',
      ).replace('    clientConfig:\n', '    clientConfig: # here\n') +
        validHook('b.example.com', '', '      caBundle: Cg==\n').replace(
          '    clientConfig:\n',
          '    clientConfig: # here\n',
        ) +
        validHook('c.example.com', '', '      url: http://hooks.example.com/validate?strict=1 # here\n'),
    ),
    [
      'webhooks[0].clientConfig: Required value: exactly one of url or service is required',
      'webhooks[1].clientConfig: Required value: exactly one of url or service is required',
      'webhooks[2].clientConfig.url: Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]',
      'webhooks[2].clientConfig.url: Invalid value: "strict=1": query parameters are not permitted in the URL',
    ],
  ],
  'a webhook service path with a segment that is no DNS subdomain, and review versions without v1 or v1beta1': [
    webhook(
      'ValidatingWebhookConfiguration',
      validHook('a.example.com', '', '      service: { name: s, namespace: hooks, path: /validate_pods } # here\n') +
        validHook('b.example.com').replace('admissionReviewVersions: [v1]', 'admissionReviewVersions: [v2] # here'),
    ),
    [
      "webhooks[0].clientConfig.service.path: Invalid value: \"/validate_pods\": segment[0]: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      'webhooks[1].admissionReviewVersions: Invalid value: ["v2"]: must include at least one of v1, v1beta1',
    ],
  ],
  'webhook rules with an unknown scope or a wildcard beside other operations': [
    webhook(
      'ValidatingWebhookConfiguration',
      validHook(
        'a.example.com',
        '    rules:\n      - operations: ["*", CREATE] # here\n        apiGroups: [""]\n        apiVersions: [v1]\n        resources: [pods]\n        scope: namespaced # here\n',
      ),
    ),
    [
      'webhooks[0].rules[0].operations: Invalid value: ["*","CREATE"]: if \'*\' is present, must not specify other operations',
      'webhooks[0].rules[0].scope: Unsupported value: "namespaced": supported values: "*", "Cluster", "Namespaced"',
    ],
  ],
  'valid webhook configurations, and the removed v1beta1 (which allowed Unknown side effects)': [
    webhook(
      'ValidatingWebhookConfiguration',
      validHook('pods.policy.example.com', '    timeoutSeconds: 30\n    failurePolicy: Ignore\n') +
        validHook(
          'svc.policy.example.com.',
          '    timeoutSeconds: 1\n',
          '      url: https://hooks.example.com:8443/validate\n',
        ).replace('sideEffects: None', 'sideEffects: NoneOnDryRun'),
    ) +
      '---\n' +
      webhook(
        'MutatingWebhookConfiguration',
        '  - name: legacy.example.com\n    sideEffects: Unknown\n    timeoutSeconds: 60\n    clientConfig: { service: { name: s, namespace: hooks } }\n',
        'admissionregistration.k8s.io/v1beta1',
      ),
    [],
  ],
};

function checkCases(cases: Cases): void {
  for (const [family, [manifest, messages]] of Object.entries(cases)) {
    it(`${messages.length > 0 ? 'reports' : 'accepts'} ${family}`, () => {
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
}

describe('api-validation: what the API server rejects beyond the schema', () => {
  describe('workload rolling updates and CronJob time zones', () => checkCases(WORKLOADS));
  describe('Service fields', () => checkCases(SERVICES));
  describe('pods, PriorityClasses, LimitRanges, IP blocks, Ingress classes and endpoints', () => checkCases(OTHERS));
  describe('admission webhook configurations', () => checkCases(WEBHOOKS));

  it('points a DaemonSet maxSurge at the maxUnavailable beside it', () => {
    const text = daemonSet('  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 1\n      maxSurge: 1\n');
    const found = lintOne(text).filter((f) => f.rule === 'api-validation');
    assert.deepEqual(
      found.map((f) => [f.range.start.line, f.related?.map((r) => [r.range.start.line, r.message])]),
      [[8, [[7, 'spec.updateStrategy.rollingUpdate.maxUnavailable']]]],
    );
  });

  it('fixes a misspelt webhook sideEffects or rule scope to the value it most likely meant, and nothing else', () => {
    const text = webhook(
      'ValidatingWebhookConfiguration',
      validHook(
        'a.example.com',
        '    rules: [{ operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [pods], scope: cluster }]\n',
      ).replace('sideEffects: None', 'sideEffects: none'),
    );
    const found = lintOne(text).filter((f) => f.rule === 'api-validation');
    assert.deepEqual(
      found.map((f) => f.fixes?.map((fix) => fix.title)),
      [['Set sideEffects to None'], ['Set scope to Cluster']],
    );
    const repaired = applyEdits(
      text,
      found.flatMap((f) => f.fixes?.[0]?.edits ?? []),
    );
    assert.match(repaired, /sideEffects: None\n/);
    assert.match(repaired, /scope: Cluster \}/);
    assert.deepEqual(
      lintOne(repaired).filter((f) => f.severity === 'error'),
      [],
    );
    const timeout = lintOne(
      webhook('ValidatingWebhookConfiguration', validHook('a.example.com', '    timeoutSeconds: 60\n')),
    );
    assert.deepEqual(
      timeout.flatMap((f) => f.fixes ?? []),
      [],
    );
  });
});
