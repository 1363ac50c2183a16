import type { Rule } from '../rule';
import type { RuleMeta } from '../types';
import { allowPrivilegeEscalation } from './allowPrivilegeEscalation';
import { apiValidation } from './apiValidation';
import { automountServiceAccountToken } from './automountToken';
import { bindingSubject } from './bindingSubject';
import { configRef } from './configRef';
import { cronSchedule } from './cronSchedule';
import { customResource } from './customResource';
import { dropCapabilities } from './dropCapabilities';
import { readOnlyRootFilesystem } from './readOnlyRootFilesystem';
import { runAsNonRoot } from './runAsNonRoot';
import { deprecatedApi } from './deprecatedApi';
import { envDuplicate } from './envDuplicate';
import { envLiteralSecret } from './envLiteralSecret';
import { hpaCpuRequest } from './hpaCpuRequest';
import { hpaMinMax } from './hpaMinMax';
import { hpaReplicas } from './hpaReplicas';
import { hpaTargetRule } from './hpaTarget';
import { imageTag } from './imageTag';
import { ingressBackend } from './ingressBackend';
import { ingressChain } from './ingressChain';
import { labelSyntax } from './labelSyntax';
import { pdbSelector } from './pdbSelector';
import { portDuplicate } from './portDuplicate';
import { privileged } from './privileged';
import { probeMissing } from './probeMissing';
import { probePort } from './probePort';
import { pvcMissing } from './pvcMissing';
import { resourcesMissing } from './resourcesMissing';
import { restartPolicy } from './restartPolicy';
import { roleBindingRole } from './roleBindingRole';
import { schema } from './schema';
import { selectorMismatch } from './selectorMismatch';
import { serviceAccountMissing } from './serviceAccountMissing';
import { serviceNodePort } from './serviceNodePort';
import { serviceSelectorRule } from './serviceSelector';
import { serviceTargetPort } from './serviceTargetPort';
import { unknownField } from './unknownField';
import { unknownKind } from './unknownKind';
import { volumeMountMissing } from './volumeMountMissing';
import { yamlSyntax } from './yamlSyntax';

/** Every rule the engine runs, schema layer first. */
export const RULES: readonly Rule[] = [
  schema,
  apiValidation,
  unknownField,
  unknownKind,
  customResource,
  deprecatedApi,
  labelSyntax,
  cronSchedule,
  restartPolicy,
  serviceNodePort,
  bindingSubject,
  probeMissing,
  probePort,
  resourcesMissing,
  imageTag,
  selectorMismatch,
  envDuplicate,
  portDuplicate,
  volumeMountMissing,
  privileged,
  runAsNonRoot,
  allowPrivilegeEscalation,
  dropCapabilities,
  readOnlyRootFilesystem,
  automountServiceAccountToken,
  envLiteralSecret,
  hpaMinMax,
  serviceSelectorRule,
  pdbSelector,
  serviceTargetPort,
  ingressBackend,
  ingressChain,
  hpaTargetRule,
  hpaCpuRequest,
  hpaReplicas,
  configRef,
  pvcMissing,
  serviceAccountMissing,
  roleBindingRole,
];

/** Metadata of every rule id the engine can report, including the parser's own. */
export const RULE_METAS: readonly RuleMeta[] = [yamlSyntax, ...RULES];
