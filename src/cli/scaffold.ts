import { join, relative, resolve } from 'node:path';
import { parseOptions } from './args';
import { ExitCode, type CliIo } from './io';
import { prepareOutput, writeArgs, WRITE_OPTIONS, writePlanToDisk } from './writeFiles';

function parseScaffoldArgs(argv: string[]) {
  const { values, positionals } = parseOptions(argv, WRITE_OPTIONS);
  return writeArgs(values, positionals);
}

/** `starter-stack scaffold`: writes manifests (k8s/) and the four apps (apps/); refuses to overwrite a changed file unless --force. */
export async function scaffoldCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseScaffoldArgs(argv);
  const out = resolve(io.cwd, args.out);
  const [{ loadAppFiles }, { scaffoldPaths, scaffoldProject, DEFAULT_LAYOUT }] = await Promise.all([
    import('../stack/apps'),
    import('../stack/scaffold'),
  ]);
  const appFiles = await loadAppFiles();
  const existing = await prepareOutput(io, 'scaffold', out, scaffoldPaths(appFiles));
  if (typeof existing === 'number') return existing;
  const plan = await scaffoldProject(args.input, existing, { appFiles });
  if (!plan.ok) {
    io.err(`starter-stack scaffold: ${plan.error}`);
    return ExitCode.badArguments;
  }
  const written = await writePlanToDisk(io, 'scaffold', out, plan.value, args.force);
  if (written !== ExitCode.ok) return written;
  const shown = relative(io.cwd, out) || '.';
  for (const warning of plan.value.warnings)
    io.err(`starter-stack scaffold: in ${join(shown, DEFAULT_LAYOUT.manifests)}, ${warning}`);
  io.out(`Manifests in ${join(shown, DEFAULT_LAYOUT.manifests)}, apps in ${join(shown, DEFAULT_LAYOUT.apps)}.`);
  io.out(
    `Next: starter-stack images build --dir ${shown} && starter-stack images load --dir ${shown}, then kubectl apply -k ${join(shown, DEFAULT_LAYOUT.manifests)}`,
  );
  io.out(`Or locally: docker compose -f ${join(shown, DEFAULT_LAYOUT.apps, 'docker-compose.yml')} up --build`);
  return ExitCode.ok;
}
