// Cheap text test, before any parse: a top-level apiVersion and kind somewhere in the file.
const API_VERSION = /^apiVersion:[ \t]*\S/m;
const KIND = /^kind:[ \t]*\S/m;

/** True when a YAML file looks like Kubernetes manifests (a top-level apiVersion and kind). */
export function looksLikeKubernetes(text: string): boolean {
  return API_VERSION.test(text) && KIND.test(text);
}
