// The only module that imports @kubernetes/client-node (an ESLint rule keeps it so; type imports are free). Everyone
// else reaches it with `await import('…/kube/clientNode')`, which keeps the library off the extension's activation
// path, and the named re-exports let the bundler drop the parts of it we do not use (the generated API is megabytes).
export { AppsV1Api, CoreV1Api, KubeConfig, Log, PortForward, Watch } from '@kubernetes/client-node';
