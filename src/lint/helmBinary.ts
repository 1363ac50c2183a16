import { findExecutable } from '../util/executable';

/** The `helm` binary on PATH, or undefined: then nothing offers to render charts. */
export function findHelm(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return findExecutable('helm', env);
}
