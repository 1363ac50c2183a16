// The stand-in's LogQL subset now lives in sim/backends; tests keep importing it from here.
export * from '../../../sim/backends/logql';
