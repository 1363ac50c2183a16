// The observe layer's one load-time import of @kubernetes/client-node. Callers use `await import('./clientNode')`,
// keeping the library off the activation path; named re-exports let the bundler drop the rest of it.
export { AppsV1Api, CoreV1Api, Log } from '@kubernetes/client-node';
