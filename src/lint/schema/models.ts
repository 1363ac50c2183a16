/* eslint-disable @typescript-eslint/no-require-imports -- literal requires are what esbuild bundles, and they
   load a kind's validator only when a document of that kind is first checked (the engine stays synchronous). */
import { own } from '../../util/own';

/** A kubernetes-models class: its prototype's `validate()` throws a ValidationError carrying Ajv's errors. */
export interface ModelClass {
  readonly prototype: { validate(this: unknown): void };
}

export interface KindSchema {
  /** The kubernetes-models module of the kind; its export named like the kind is the class. */
  readonly load: () => unknown;
  /** The @kubernetes/client-node model name whose field list (fields.json) finds unknown fields. */
  readonly fieldsType: string;
}

/** The kinds whose schema is checked, keyed `apiVersion/kind`. Other kinds are reported as unknown (info). */
export const KIND_SCHEMAS: Readonly<Record<string, KindSchema>> = {
  'v1/Pod': { load: (): unknown => require('kubernetes-models/v1/Pod'), fieldsType: 'V1Pod' },
  'v1/Service': { load: (): unknown => require('kubernetes-models/v1/Service'), fieldsType: 'V1Service' },
  'v1/ConfigMap': { load: (): unknown => require('kubernetes-models/v1/ConfigMap'), fieldsType: 'V1ConfigMap' },
  'v1/Secret': { load: (): unknown => require('kubernetes-models/v1/Secret'), fieldsType: 'V1Secret' },
  'v1/ServiceAccount': { load: (): unknown => require('kubernetes-models/v1/ServiceAccount'), fieldsType: 'V1ServiceAccount' },
  'v1/PersistentVolumeClaim': {
    load: (): unknown => require('kubernetes-models/v1/PersistentVolumeClaim'),
    fieldsType: 'V1PersistentVolumeClaim',
  },
  'v1/PersistentVolume': { load: (): unknown => require('kubernetes-models/v1/PersistentVolume'), fieldsType: 'V1PersistentVolume' },
  'v1/Namespace': { load: (): unknown => require('kubernetes-models/v1/Namespace'), fieldsType: 'V1Namespace' },
  'v1/LimitRange': { load: (): unknown => require('kubernetes-models/v1/LimitRange'), fieldsType: 'V1LimitRange' },
  'v1/ResourceQuota': { load: (): unknown => require('kubernetes-models/v1/ResourceQuota'), fieldsType: 'V1ResourceQuota' },
  'apps/v1/Deployment': { load: (): unknown => require('kubernetes-models/apps/v1/Deployment'), fieldsType: 'V1Deployment' },
  'apps/v1/StatefulSet': { load: (): unknown => require('kubernetes-models/apps/v1/StatefulSet'), fieldsType: 'V1StatefulSet' },
  'apps/v1/DaemonSet': { load: (): unknown => require('kubernetes-models/apps/v1/DaemonSet'), fieldsType: 'V1DaemonSet' },
  'apps/v1/ReplicaSet': { load: (): unknown => require('kubernetes-models/apps/v1/ReplicaSet'), fieldsType: 'V1ReplicaSet' },
  'batch/v1/Job': { load: (): unknown => require('kubernetes-models/batch/v1/Job'), fieldsType: 'V1Job' },
  'batch/v1/CronJob': { load: (): unknown => require('kubernetes-models/batch/v1/CronJob'), fieldsType: 'V1CronJob' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    load: (): unknown => require('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler'),
    fieldsType: 'V2HorizontalPodAutoscaler',
  },
  'autoscaling/v1/HorizontalPodAutoscaler': {
    load: (): unknown => require('kubernetes-models/autoscaling/v1/HorizontalPodAutoscaler'),
    fieldsType: 'V1HorizontalPodAutoscaler',
  },
  'networking.k8s.io/v1/Ingress': { load: (): unknown => require('kubernetes-models/networking.k8s.io/v1/Ingress'), fieldsType: 'V1Ingress' },
  'networking.k8s.io/v1/IngressClass': {
    load: (): unknown => require('kubernetes-models/networking.k8s.io/v1/IngressClass'),
    fieldsType: 'V1IngressClass',
  },
  'networking.k8s.io/v1/NetworkPolicy': {
    load: (): unknown => require('kubernetes-models/networking.k8s.io/v1/NetworkPolicy'),
    fieldsType: 'V1NetworkPolicy',
  },
  'rbac.authorization.k8s.io/v1/Role': { load: (): unknown => require('kubernetes-models/rbac.authorization.k8s.io/v1/Role'), fieldsType: 'V1Role' },
  'rbac.authorization.k8s.io/v1/ClusterRole': {
    load: (): unknown => require('kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole'),
    fieldsType: 'V1ClusterRole',
  },
  'rbac.authorization.k8s.io/v1/RoleBinding': {
    load: (): unknown => require('kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding'),
    fieldsType: 'V1RoleBinding',
  },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': {
    load: (): unknown => require('kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding'),
    fieldsType: 'V1ClusterRoleBinding',
  },
  'policy/v1/PodDisruptionBudget': {
    load: (): unknown => require('kubernetes-models/policy/v1/PodDisruptionBudget'),
    fieldsType: 'V1PodDisruptionBudget',
  },
  'apiregistration.k8s.io/v1/APIService': {
    load: (): unknown => require('kubernetes-models/apiregistration.k8s.io/v1/APIService'),
    fieldsType: 'V1APIService',
  },
  'storage.k8s.io/v1/StorageClass': {
    load: (): unknown => require('kubernetes-models/storage.k8s.io/v1/StorageClass'),
    fieldsType: 'V1StorageClass',
  },
};

const loaded = new Map<string, ModelClass>();

/** The model class of an apiVersion/kind, loaded once; undefined for kinds outside the table. */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const key = `${apiVersion}/${kind}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const schema = own(KIND_SCHEMAS, key);
  if (!schema) return undefined;
  const model = (schema.load() as Record<string, ModelClass | undefined>)[kind];
  if (model) loaded.set(key, model);
  return model;
}
