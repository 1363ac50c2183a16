// Object validation on create/update/patch/apply.
// Schema validation uses kubernetes-models' validators (generated from the Kubernetes OpenAPI schema),
// so type and required-field errors match what the real schema allows. The real server also runs
// hand-written per-kind validation (e.g. DNS label rules); here only a few common checks are done.
import { type Model } from '@kubernetes-models/base';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Node } from 'kubernetes-models/v1/Node';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Service } from 'kubernetes-models/v1/Service';
import { Endpoints } from 'kubernetes-models/v1/Endpoints';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { PersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Event } from 'kubernetes-models/v1/Event';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { APIService } from 'kubernetes-models/apiregistration.k8s.io/v1/APIService';
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice';
import { IngressClass } from 'kubernetes-models/networking.k8s.io/v1/IngressClass';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { type ResourceType } from './resources';
import { modelName, unknownFields } from './schema';
import { errors, type StatusCause } from './status';
import { type KObject, meta } from './store';

type ModelCtor = new (data: never) => Model<unknown>;
const MODELS: Record<string, ModelCtor> = {
  Namespace,
  Node,
  Pod,
  Service,
  Endpoints,
  ConfigMap,
  Secret,
  PersistentVolumeClaim,
  PersistentVolume,
  ServiceAccount,
  Event,
  Deployment,
  ReplicaSet,
  DaemonSet,
  StatefulSet,
  HorizontalPodAutoscaler,
  Ingress,
  Role,
  RoleBinding,
  ClusterRole,
  ClusterRoleBinding,
  APIService,
  EndpointSlice,
  IngressClass,
  StorageClass,
};

interface AjvError {
  instancePath: string;
  message?: string;
  params?: { missingProperty?: string };
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// RBAC objects only need names that are valid path segments (the real server's ValidatePathSegmentName),
// which is why `system:metrics-server` is a legal ClusterRole name.
const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
const validPathSegment = (name: string): boolean => name !== '.' && name !== '..' && !/[/%]/.test(name);
const validName = (kind: string, name: string): boolean =>
  PATH_SEGMENT_KINDS.has(kind) ? validPathSegment(name) : name.length <= 253 && DNS_SUBDOMAIN.test(name);

/** Throws a 422 Invalid Status listing every problem, with field paths as the real server prints them. */
export function validateObject(r: ResourceType, obj: KObject): void {
  const causes: StatusCause[] = [];
  const name = meta(obj).name ?? '';
  if (!name)
    causes.push({
      type: 'FieldValueRequired',
      message: 'Required value: name or generateName is required',
      field: 'metadata.name',
    });
  else if (!validName(r.kind, name))
    causes.push({
      type: 'FieldValueInvalid',
      message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      field: 'metadata.name',
    });
  const Ctor = MODELS[r.kind];
  if (Ctor) {
    try {
      new Ctor(structuredClone(obj) as never).validate();
    } catch (e) {
      for (const err of (e as { errors?: AjvError[] }).errors ?? []) {
        let field = err.instancePath
          .replace(/^\//, '')
          .replace(/\/(\d+)(?=\/|$)/g, '[$1]')
          .replace(/\//g, '.');
        let message = `Invalid value: ${err.message ?? 'invalid'}`;
        if (err.params?.missingProperty) {
          field = field ? `${field}.${err.params.missingProperty}` : err.params.missingProperty;
          message = 'Required value';
        }
        causes.push({
          type: message === 'Required value' ? 'FieldValueRequired' : 'FieldValueInvalid',
          message,
          field,
        });
      }
    }
  }
  if (causes.length) throw errors.invalid(r.kind, r.group, name, causes);
}

/** Unknown field paths for a kind (fieldValidation=Strict → 400, Warn → Warning headers). */
export function findUnknownFields(r: ResourceType, obj: KObject): string[] {
  return unknownFields(obj, modelName(r.version, r.kind));
}

export function strictError(fields: string[]): Error {
  const list = fields.map((f) => `unknown field "${f}"`).join(', ');
  return errors.badRequest(`strict decoding error: ${list}`);
}
