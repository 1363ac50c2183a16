import { own } from '../../util/own';
import { KIND_SCHEMAS } from '../schema/models';
import type { Rule } from '../rule';
import { crdsFor } from '../crd';
import { apiStatus } from './deprecatedApi';

/**
 * API groups of tools' own configuration files, which borrow apiVersion/kind but are never sent to a cluster:
 * skaffold, kpt, kustomize (and its plugins), kind/k3d/ctlptl cluster configs, Carvel, Garden, Kyverno's CLI tests
 * and the components' configuration files (kubeadm, kubelet, kube-proxy, scheduler, API server, audit policy).
 */
const TOOL_GROUP =
  /^(skaffold|builtin|(fn\.)?kpt\.dev|config\.kubernetes\.io|kustomize\.config\.k8s\.io|kind\.x-k8s\.io|k3d\.io|ctlptl\.dev|garden\.io|[\w.-]+\.k14s\.io|[\w.-]+\.carvel\.dev|cli\.kyverno\.io|kubeadm\.k8s\.io|[\w-]+\.config\.k8s\.io|apiserver\.k8s\.io|audit\.k8s\.io|[\w.-]+\.admission\.k8s\.io|client\.authentication\.k8s\.io|credentialprovider\.kubelet\.k8s\.io)(\/|$)/;

/** A tool's configuration file rather than a Kubernetes object (a kubeconfig is `v1` `Config`). */
export function isToolConfig(apiVersion: string, kind: string): boolean {
  return TOOL_GROUP.test(apiVersion) || (apiVersion === 'v1' && kind === 'Config');
}

export const unknownKind: Rule = {
  id: 'unknown-kind',
  defaultSeverity: 'info',
  title: 'No schema for this kind: not checked',
  docs: "Custom resources and kinds outside the built-in set are skipped rather than guessed at, so they never produce a false error. Their own CRD (or Crossplane XRD) defines what is valid: when the workspace holds it, custom-resource checks them instead. Tools' own configuration files that borrow apiVersion/kind (skaffold.yaml, Kptfile, kustomize components, kind or kubeadm configs, a kubeconfig) are not Kubernetes objects: nothing is said about them.",
  // Cross-object: a CustomResourceDefinition (or an XRD) in the workspace makes the kind known.
  crossObject: true,
  check(object, context) {
    if (!object.apiVersion || !object.kind || own(KIND_SCHEMAS, `${object.apiVersion}/${object.kind}`)) return;
    if (apiStatus(object.apiVersion, object.kind) || isToolConfig(object.apiVersion, object.kind)) return;
    if (crdsFor(context.elsewhere, object.apiVersion, object.kind).length > 0) return;
    context.report({
      range: object.rangeOf(['kind']),
      message: `No schema for ${object.apiVersion} ${object.kind} (a custom resource or a kind this linter does not know): its fields are not checked.`,
    });
  },
};
