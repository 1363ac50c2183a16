// The Loki stand-in now lives in sim/backends (the demo cluster serves it too); tests keep importing it from here.
export * from '../../../sim/backends/loki';
