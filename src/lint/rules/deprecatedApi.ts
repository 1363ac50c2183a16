import type { Rule } from '../rule';

interface ApiChange {
  readonly replacement: string;
  readonly deprecatedIn: string;
  /** Unset while still served. */
  readonly removedIn?: string;
}

/** An apiVersion the guide lists as removed: deprecated in one release, refused from another on. */
const removed = (replacement: string, deprecatedIn: string, removedIn: string): ApiChange => ({
  replacement,
  deprecatedIn,
  removedIn,
});

// From the Kubernetes deprecated API migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide).
const CHANGES: Readonly<Record<string, ApiChange>> = {
  'extensions/v1beta1/Deployment': removed('apps/v1', '1.9', '1.16'),
  'extensions/v1beta1/DaemonSet': removed('apps/v1', '1.9', '1.16'),
  'extensions/v1beta1/ReplicaSet': removed('apps/v1', '1.9', '1.16'),
  'extensions/v1beta1/NetworkPolicy': removed('networking.k8s.io/v1', '1.9', '1.16'),
  'extensions/v1beta1/PodSecurityPolicy': removed('Pod Security Admission', '1.10', '1.16'),
  'extensions/v1beta1/Ingress': removed('networking.k8s.io/v1', '1.14', '1.22'),
  'apps/v1beta1/*': removed('apps/v1', '1.9', '1.16'),
  'apps/v1beta2/*': removed('apps/v1', '1.9', '1.16'),
  // Only the kinds the guide names: a group's v1beta1 can serve newer kinds (IPAddress, ServiceCIDR since 1.31).
  'networking.k8s.io/v1beta1/Ingress': removed('networking.k8s.io/v1', '1.19', '1.22'),
  'networking.k8s.io/v1beta1/IngressClass': removed('networking.k8s.io/v1', '1.19', '1.22'),
  'rbac.authorization.k8s.io/v1beta1/*': removed('rbac.authorization.k8s.io/v1', '1.17', '1.22'),
  'apiextensions.k8s.io/v1beta1/*': removed('apiextensions.k8s.io/v1', '1.16', '1.22'),
  // ValidatingAdmissionPolicy (1.28) and MutatingAdmissionPolicy (1.34) are served at v1beta1.
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': removed(
    'admissionregistration.k8s.io/v1',
    '1.16',
    '1.22',
  ),
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': removed(
    'admissionregistration.k8s.io/v1',
    '1.16',
    '1.22',
  ),
  'apiregistration.k8s.io/v1beta1/*': removed('apiregistration.k8s.io/v1', '1.19', '1.22'),
  // VolumeAttributesClass (1.31) is served at v1beta1; CSIStorageCapacity went later than the rest.
  'storage.k8s.io/v1beta1/CSIDriver': removed('storage.k8s.io/v1', '1.19', '1.22'),
  'storage.k8s.io/v1beta1/CSINode': removed('storage.k8s.io/v1', '1.19', '1.22'),
  'storage.k8s.io/v1beta1/StorageClass': removed('storage.k8s.io/v1', '1.19', '1.22'),
  'storage.k8s.io/v1beta1/VolumeAttachment': removed('storage.k8s.io/v1', '1.19', '1.22'),
  'storage.k8s.io/v1beta1/CSIStorageCapacity': removed('storage.k8s.io/v1', '1.24', '1.27'),
  'authentication.k8s.io/v1beta1/*': removed('authentication.k8s.io/v1', '1.19', '1.22'),
  'authorization.k8s.io/v1beta1/*': removed('authorization.k8s.io/v1', '1.19', '1.22'),
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': removed('certificates.k8s.io/v1', '1.19', '1.22'),
  'coordination.k8s.io/v1beta1/Lease': removed('coordination.k8s.io/v1', '1.19', '1.22'),
  'scheduling.k8s.io/v1beta1/*': removed('scheduling.k8s.io/v1', '1.14', '1.22'),
  'batch/v1beta1/CronJob': removed('batch/v1', '1.21', '1.25'),
  'policy/v1beta1/PodDisruptionBudget': removed('policy/v1', '1.21', '1.25'),
  'policy/v1beta1/PodSecurityPolicy': removed('Pod Security Admission', '1.21', '1.25'),
  'events.k8s.io/v1beta1/Event': removed('events.k8s.io/v1', '1.19', '1.25'),
  'node.k8s.io/v1beta1/RuntimeClass': removed('node.k8s.io/v1', '1.20', '1.25'),
  'discovery.k8s.io/v1beta1/EndpointSlice': removed('discovery.k8s.io/v1', '1.21', '1.25'),
  'autoscaling/v2beta1/HorizontalPodAutoscaler': removed('autoscaling/v2', '1.23', '1.25'),
  'autoscaling/v2beta2/HorizontalPodAutoscaler': removed('autoscaling/v2', '1.23', '1.26'),
  'flowcontrol.apiserver.k8s.io/v1beta1/*': removed('flowcontrol.apiserver.k8s.io/v1', '1.23', '1.26'),
  'flowcontrol.apiserver.k8s.io/v1beta2/*': removed('flowcontrol.apiserver.k8s.io/v1', '1.26', '1.29'),
  'flowcontrol.apiserver.k8s.io/v1beta3/*': removed('flowcontrol.apiserver.k8s.io/v1', '1.29', '1.32'),
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
