import { resolve } from 'node:path';
import type { AppService } from '../stack/apps';
import { noExtraPositionals, parseOptions } from './args';
import { ExitCode, UsageError, type CliIo } from './io';

function parseImagesArgs(argv: string[], services: readonly AppService[]) {
  const { values, positionals } = parseOptions(argv, {
    dir: { type: 'string' },
    'image-prefix': { type: 'string' },
    tag: { type: 'string' },
    only: { type: 'string' },
    context: { type: 'string' },
  });
  const [action] = positionals;
  if (action !== 'build' && action !== 'load')
    throw new UsageError(action === undefined ? 'say build or load' : `unknown action "${action}" (build or load)`);
  noExtraPositionals(positionals, 1);
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((s) => !(services as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0)
    throw new UsageError(`--only: unknown service ${unknown.join(', ')} (known: ${services.join(', ')})`);
  return {
    action,
    dir: values.dir ?? '.',
    imagePrefix: values['image-prefix'],
    tag: values.tag,
    only: only as AppService[] | undefined,
    context: values.context,
  };
}

/** `starter-stack images build|load`: builds the four images with docker, or loads them into the current cluster. */
export async function imagesCommand(argv: string[], io: CliIo): Promise<number> {
  const [{ APP_SERVICES }, pipeline, cluster] = await Promise.all([
    import('../stack/apps'),
    import('../images/pipeline'),
    import('../images/cluster'),
  ]);
  const args = parseImagesArgs(argv, APP_SERVICES);
  const fail = (message: string, code: number = ExitCode.failed) => {
    io.err(`starter-stack images ${args.action}: ${message}`);
    return code;
  };
  const appsDir = pipeline.resolveAppsDir(resolve(io.cwd, args.dir));
  if (!appsDir.ok) return fail(appsDir.error.message, ExitCode.badArguments);
  const targets = pipeline.imageTargets(appsDir.value, args.imagePrefix, args.tag, args.only);
  if (!targets.ok) return fail(targets.error.message, ExitCode.badArguments);
  const run = {
    env: io.env,
    signal: io.signal,
    onLine: (line: string) => io.out(line),
    onStep: (step: string, image: string | undefined, index: number, total: number) =>
      io.out(`==> ${step}${image ? ` ${image}` : ''}${total > 1 ? ` (${index + 1}/${total})` : ''}`),
  };
  if (args.action === 'build') {
    const built = await pipeline.buildImages(targets.value, run);
    if (!built.ok) return fail(built.error.message);
    io.out(`Built ${built.value.length} image(s): ${built.value.join(', ')}`);
    return ExitCode.ok;
  }
  const current = await cluster.readCurrentContext(io.env, args.context);
  if (current.problem !== undefined) return fail(current.problem);
  const flavour = cluster.detectFlavour(current);
  io.out(`==> cluster: ${flavour.kind}${flavour.context ? ` (context ${flavour.context})` : ''}`);
  const loaded = await pipeline.loadImages(targets.value, flavour, run);
  if (!loaded.ok)
    return fail(loaded.error.message, loaded.error.reason === 'bad-input' ? ExitCode.badArguments : ExitCode.failed);
  io.out(loaded.value.summary);
  return ExitCode.ok;
}
