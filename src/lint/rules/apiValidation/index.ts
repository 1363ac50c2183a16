import type { Rec } from '../../access';
import { insertIntoMapping, replaceValue } from '../../fixes';
import type { LintObject } from '../../object';
import type { Rule } from '../../rule';
import type { QuickFix } from '../../types';
import { checkEndpoints, checkEndpointSlice } from './endpoints';
import { checkIngress, checkNetworkPolicy, checkService } from './networking';
import {
  checkBinding,
  checkConfigData,
  checkLimitRange,
  checkMetadata,
  checkPriorityClass,
  checkRuntimeClass,
  checkStorageClass,
} from './objects';
import { fieldPath, Problems, type ProblemFix } from './problems';
import { checkWebhookConfiguration } from './webhooks';
import { checkAutoscaler, checkDisruptionBudget, checkWorkload } from './workloads';

/** The checks of one built-in kind beyond its names and pod templates. */
const BY_KIND: Record<string, (p: Problems, value: Rec, apiVersion: string) => void> = {
  Service: (p, v) => checkService(p, v),
  Ingress: (p, v, apiVersion) => checkIngress(p, apiVersion, v),
  NetworkPolicy: (p, v) => checkNetworkPolicy(p, v),
  ConfigMap: (p, v) => checkConfigData(p, 'ConfigMap', v),
  Secret: (p, v) => checkConfigData(p, 'Secret', v),
  RoleBinding: (p, v) => checkBinding(p, 'RoleBinding', v),
  ClusterRoleBinding: (p, v) => checkBinding(p, 'ClusterRoleBinding', v),
  PriorityClass: (p, v) => checkPriorityClass(p, v),
  StorageClass: (p, v) => checkStorageClass(p, v),
  LimitRange: (p, v) => checkLimitRange(p, v),
  // node.k8s.io/v1beta1 was removed: deprecated-api reports it, once.
  RuntimeClass: (p, v, apiVersion) => {
    if (apiVersion === 'node.k8s.io/v1') checkRuntimeClass(p, v);
  },
  HorizontalPodAutoscaler: (p, v, apiVersion) => checkAutoscaler(p, v, apiVersion),
  PodDisruptionBudget: (p, v, apiVersion) => {
    if (apiVersion === 'policy/v1') checkDisruptionBudget(p, v);
  },
  Endpoints: (p, v) => checkEndpoints(p, v),
  EndpointSlice: (p, v, apiVersion) => {
    if (apiVersion === 'discovery.k8s.io/v1') checkEndpointSlice(p, v);
  },
  // v1beta1 (removed in 1.22) defaulted sideEffects to Unknown and allowed it: deprecated-api reports that version.
  ValidatingWebhookConfiguration: (p, v, apiVersion) => {
    if (apiVersion === 'admissionregistration.k8s.io/v1') checkWebhookConfiguration(p, v);
  },
  MutatingWebhookConfiguration: (p, v, apiVersion) => {
    if (apiVersion === 'admissionregistration.k8s.io/v1') checkWebhookConfiguration(p, v);
  },
};

/** A problem's fixes as edits; a fix whose place cannot be edited (a flow mapping) is left out. */
function quickFixes(object: LintObject, fixes: readonly ProblemFix[]): QuickFix[] {
  return fixes.flatMap((fix) => {
    const edit =
      'text' in fix ? replaceValue(object, fix.path, fix.text) : insertIntoMapping(object, fix.path, fix.lines);
    return edit ? [{ title: fix.title, edits: [edit] }] : [];
  });
}

/** Built-in API groups: a custom resource that reuses a kind name (a Knative Service) is not checked. */
const BUILT_IN_GROUP =
  /^(v1|(apps|batch|autoscaling|networking\.k8s\.io|rbac\.authorization\.k8s\.io|scheduling\.k8s\.io|storage\.k8s\.io|node\.k8s\.io|policy|extensions|discovery\.k8s\.io|admissionregistration\.k8s\.io)\/[a-z0-9]+)$/;

export const apiValidation: Rule = {
  id: 'api-validation',
  defaultSeverity: 'error',
  title: "A value the API server's validation rejects although the schema allows it",
  docs:
    "Mirrors the Kubernetes API server's own validation (validation.go) for the built-in kinds, beyond what the " +
    'OpenAPI schema expresses: names (RFC 1123/1035), port numbers and names, non-negative counts (replicas, ' +
    'backoffLimit, history limits), probe settings, requests above limits, extended resources and hugepages (whole numbers; a request needs a limit and must equal it, as they cannot be overcommitted), tolerations, topology spread, CIDRs, ' +
    'Ingress paths and backends, ConfigMap/Secret keys, downward-API fields, RBAC roleRefs (subjects: binding-subject), PriorityClass values, a StorageClass reclaimPolicy other than Delete or Retain, HPA scaling behavior (selectPolicy Max/Min/Disabled, windows and periods), a PodDisruptionBudget with both minAvailable and maxUnavailable, a quoted count where a count or percent goes (PDB bounds, rolling updates: a string must be a percent), a node port outside 30000-32767 (the default --service-node-port-range), HPA metric types, backoffLimitPerIndex/maxFailedIndexes without Indexed completion, restartPolicy OnFailure beside a podFailurePolicy, a projected serviceAccountToken expirationSeconds outside 600 to 2^32, a RuntimeClass handler that is no DNS label, a LimitRange type other than Pod, Container, PersistentVolumeClaim or a qualified name, ' +
    "a CronJob timeZone of the form Area/Location that no time zone database has, a DaemonSet rolling update that does not have exactly one of maxUnavailable and maxSurge non-zero (after apps/v1's defaults of 1 and 0), " +
    'Service fields (externalTrafficPolicy on a Service not reachable from outside, healthCheckNodePort, LoadBalancer-only fields on other types, cluster IPs, externalIPs and source ranges that are no IPs or CIDRs or are loopback/link-local, a ClientIP affinity timeout outside 1-86400, an ExternalName that is no DNS name), ' +
    "PriorityClass names with the reserved 'system-' prefix, LimitRange quantities out of order (min, defaultRequest, default, max) or a maxLimitRequestRatio below 1, NetworkPolicy ipBlock except entries outside their cidr, an ingressClassName that is no DNS subdomain, hostAliases, Linux-only settings in a pod whose os is windows, an AppArmor annotation for a container the pod lacks, Endpoints and EndpointSlice addresses, " +
    'and admission webhook configurations (fully qualified and distinct names, sideEffects None or NoneOnDryRun, timeoutSeconds 1-30, exactly one of url and service, https URLs without query or fragment, service paths, admissionReviewVersions, rule scopes). ' +
    'Messages read as the API server would print them; `kubectl apply` fails on each.',
  crossObject: false,
  check(object, context) {
    if (!BUILT_IN_GROUP.test(object.apiVersion)) return;
    const p = new Problems();
    checkMetadata(p, object.kind, object.value);
    checkWorkload(p, object.kind, object.value, object.apiVersion);
    if (Object.hasOwn(BY_KIND, object.kind)) BY_KIND[object.kind]?.(p, object.value, object.apiVersion);
    for (const problem of p.list)
      context.report({
        range: object.keyRangeOf(problem.at ?? problem.path),
        message: problem.message,
        ...(problem.cause
          ? { related: [{ ...object.location(problem.cause), message: fieldPath(problem.cause) }] }
          : {}),
        ...(problem.fixes ? { fixes: quickFixes(object, problem.fixes) } : {}),
      });
  },
};
