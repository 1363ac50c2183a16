// The only module that imports @kubernetes/client-node at load time. Everyone else reaches it with
// `await import('./clientNode')`, which keeps the library off the extension's activation path, and the
// named re-exports let the bundler drop the parts of it we do not use (the generated API is megabytes).
export { KubeConfig, PortForward, Watch } from '@kubernetes/client-node';
