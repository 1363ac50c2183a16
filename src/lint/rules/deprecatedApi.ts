import type { Rule } from '../rule';

interface ApiChange {
  readonly replacement: string;
  readonly deprecatedIn: string;
  /** Unset while still served. */
  readonly removedIn?: string;
}

// From the Kubernetes deprecated API migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide).
const CHANGES: Readonly<Record<string, ApiChange>> = {
  'extensions/v1beta1/Deployment': { replacement: 'apps/v1', deprecatedIn: '1.9', removedIn: '1.16' },
  'extensions/v1beta1/DaemonSet': { replacement: 'apps/v1', deprecatedIn: '1.9', removedIn: '1.16' },
  'extensions/v1beta1/ReplicaSet': { replacement: 'apps/v1', deprecatedIn: '1.9', removedIn: '1.16' },
  'extensions/v1beta1/NetworkPolicy': { replacement: 'networking.k8s.io/v1', deprecatedIn: '1.9', removedIn: '1.16' },
  'extensions/v1beta1/PodSecurityPolicy': {
    replacement: 'Pod Security Admission',
    deprecatedIn: '1.10',
    removedIn: '1.16',
  },
  'extensions/v1beta1/Ingress': { replacement: 'networking.k8s.io/v1', deprecatedIn: '1.14', removedIn: '1.22' },
  'apps/v1beta1/*': { replacement: 'apps/v1', deprecatedIn: '1.9', removedIn: '1.16' },
  'apps/v1beta2/*': { replacement: 'apps/v1', deprecatedIn: '1.9', removedIn: '1.16' },
  // Only the kinds the guide names: a group's v1beta1 can serve newer kinds (IPAddress, ServiceCIDR since 1.31).
  'networking.k8s.io/v1beta1/Ingress': { replacement: 'networking.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.22' },
  'networking.k8s.io/v1beta1/IngressClass': {
    replacement: 'networking.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  'rbac.authorization.k8s.io/v1beta1/*': {
    replacement: 'rbac.authorization.k8s.io/v1',
    deprecatedIn: '1.17',
    removedIn: '1.22',
  },
  'apiextensions.k8s.io/v1beta1/*': { replacement: 'apiextensions.k8s.io/v1', deprecatedIn: '1.16', removedIn: '1.22' },
  // ValidatingAdmissionPolicy (1.28) and MutatingAdmissionPolicy (1.34) are served at v1beta1.
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': {
    replacement: 'admissionregistration.k8s.io/v1',
    deprecatedIn: '1.16',
    removedIn: '1.22',
  },
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': {
    replacement: 'admissionregistration.k8s.io/v1',
    deprecatedIn: '1.16',
    removedIn: '1.22',
  },
  'apiregistration.k8s.io/v1beta1/*': {
    replacement: 'apiregistration.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  // VolumeAttributesClass (1.31) is served at v1beta1; CSIStorageCapacity went later than the rest.
  ...Object.fromEntries(
    ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'].map((kind) => [
      `storage.k8s.io/v1beta1/${kind}`,
      { replacement: 'storage.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.22' },
    ]),
  ),
  'storage.k8s.io/v1beta1/CSIStorageCapacity': {
    replacement: 'storage.k8s.io/v1',
    deprecatedIn: '1.24',
    removedIn: '1.27',
  },
  'authentication.k8s.io/v1beta1/*': {
    replacement: 'authentication.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  'authorization.k8s.io/v1beta1/*': { replacement: 'authorization.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.22' },
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': {
    replacement: 'certificates.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  'coordination.k8s.io/v1beta1/Lease': {
    replacement: 'coordination.k8s.io/v1',
    deprecatedIn: '1.19',
    removedIn: '1.22',
  },
  'scheduling.k8s.io/v1beta1/*': { replacement: 'scheduling.k8s.io/v1', deprecatedIn: '1.14', removedIn: '1.22' },
  'batch/v1beta1/CronJob': { replacement: 'batch/v1', deprecatedIn: '1.21', removedIn: '1.25' },
  'policy/v1beta1/PodDisruptionBudget': { replacement: 'policy/v1', deprecatedIn: '1.21', removedIn: '1.25' },
  'policy/v1beta1/PodSecurityPolicy': {
    replacement: 'Pod Security Admission',
    deprecatedIn: '1.21',
    removedIn: '1.25',
  },
  'events.k8s.io/v1beta1/Event': { replacement: 'events.k8s.io/v1', deprecatedIn: '1.19', removedIn: '1.25' },
  'node.k8s.io/v1beta1/RuntimeClass': { replacement: 'node.k8s.io/v1', deprecatedIn: '1.20', removedIn: '1.25' },
  'discovery.k8s.io/v1beta1/EndpointSlice': {
    replacement: 'discovery.k8s.io/v1',
    deprecatedIn: '1.21',
    removedIn: '1.25',
  },
  'autoscaling/v2beta1/HorizontalPodAutoscaler': {
    replacement: 'autoscaling/v2',
    deprecatedIn: '1.23',
    removedIn: '1.25',
  },
  'autoscaling/v2beta2/HorizontalPodAutoscaler': {
    replacement: 'autoscaling/v2',
    deprecatedIn: '1.23',
    removedIn: '1.26',
  },
  'flowcontrol.apiserver.k8s.io/v1beta1/*': {
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    deprecatedIn: '1.23',
    removedIn: '1.26',
  },
  'flowcontrol.apiserver.k8s.io/v1beta2/*': {
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    deprecatedIn: '1.26',
    removedIn: '1.29',
  },
  'flowcontrol.apiserver.k8s.io/v1beta3/*': {
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    deprecatedIn: '1.29',
    removedIn: '1.32',
  },
  'v1/ComponentStatus': { replacement: 'the /livez and /readyz endpoints', deprecatedIn: '1.19' },
};

export function apiStatus(apiVersion: string, kind: string): ApiChange | undefined {
  return CHANGES[`${apiVersion}/${kind}`] ?? CHANGES[`${apiVersion}/*`];
}

export const deprecatedApi: Rule = {
  id: 'deprecated-api',
  defaultSeverity: 'warning',
  title: 'A deprecated or removed apiVersion',
  docs: 'Removed apiVersions are refused by current clusters (reported as errors); deprecated ones still work but will be removed. Move to the stated replacement.',
  crossObject: false,
  check(object, context) {
    const change = apiStatus(object.apiVersion, object.kind);
    if (!change) return;
    const range = object.rangeOf(['apiVersion']);
    if (change.removedIn) {
      const message = `${object.apiVersion} ${object.kind} was removed in Kubernetes ${change.removedIn}: use ${change.replacement}.`;
      context.report({ range, message, severity: 'error' });
    } else {
      context.report({
        range,
        message: `${object.apiVersion} ${object.kind} is deprecated since ${change.deprecatedIn}: use ${change.replacement}.`,
      });
    }
  },
};
