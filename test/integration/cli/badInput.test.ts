// The bad-input campaign as a table: the built CLI (dist/cli.js) run as a user runs it, with wrong arguments and
// unlucky file systems. Each case names the exit code, a pattern for the one-line message, and which files may
// change; every case also checks that no stack trace is printed and that nothing else in its folder changed.
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SUBCOMMANDS = ['generate', 'apply', 'delete', 'lint', 'scaffold', 'images', 'demo-cluster'];
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n';
/** A kubeconfig that parses and names a server nobody listens on. */
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: ctx, context: {cluster: c, user: u}}]
current-context: ctx
`;

const hasBinary = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
/** Root passes permission checks, so permission cases run as `nobody` (setpriv), read-only ones in a mount namespace. */
const canDropRoot = process.getuid?.() !== 0 || hasBinary('setpriv');
const canMountReadOnly = hasBinary('unshare') && spawnSync('unshare', ['-rm', 'true']).status === 0;

type Wrap = 'nobody' | 'read-only';

interface Case {
  readonly name: string;
  /** Files and folders the case needs, made in its own temp folder (the command's working directory). */
  readonly setup?: (dir: string) => void;
  readonly argv: (dir: string) => string[];
  readonly env?: (dir: string) => Record<string, string>;
  readonly wrap?: Wrap;
  readonly code: number;
  /** Matches a line of `stream`. */
  readonly message: RegExp;
  readonly stream?: 'stdout' | 'stderr';
  /** How many lines `stream` may have: one unless a case says otherwise (one per problem, or a help text). */
  readonly maxLines?: number;
  /** Paths (relative to the temp folder) the command may create or change; by default none. */
  readonly changes?: readonly string[];
  readonly skip?: string | false;
}

const makeFifo = (path: string) => assert.equal(spawnSync('mkfifo', [path]).status, 0, `mkfifo ${path}`);
const write = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
};
const manifests = (dir: string) => write(join(dir, 'm', 'cm.yaml'), CONFIG_MAP);

const TOP_LEVEL: Case[] = [
  {
    name: 'no command: the overview on stderr, exit 2',
    argv: () => [],
    code: 2,
    message: /^Usage: starter-stack COMMAND/,
    maxLines: 20,
  },
  {
    name: '--help',
    argv: () => ['--help'],
    code: 0,
    message: /^Usage: starter-stack COMMAND/,
    stream: 'stdout',
    maxLines: 20,
  },
  {
    name: '-h',
    argv: () => ['-h'],
    code: 0,
    message: /^ {2}demo-cluster {2}run the Kubernetes API simulator/,
    stream: 'stdout',
    maxLines: 20,
  },
  {
    name: 'help with no command',
    argv: () => ['help'],
    code: 0,
    message: /^Commands:$/,
    stream: 'stdout',
    maxLines: 20,
  },
  {
    name: '--version',
    argv: () => ['--version'],
    code: 0,
    message: new RegExp(`^${VERSION.replace(/\./g, '\\.')}$`),
    stream: 'stdout',
  },
  {
    name: 'help of an unknown command',
    argv: () => ['help', 'nope'],
    code: 2,
    message: /^starter-stack: unknown command "nope"/,
  },
  {
    name: 'a misspelt command',
    argv: () => ['genrate'],
    code: 2,
    message: /unknown command "genrate" \(did you mean generate\?\)/,
  },
  {
    name: 'a command named like an Object member',
    argv: () => ['constructor'],
    code: 2,
    message: /unknown command "constructor"/,
  },
  {
    name: 'an unknown top-level option',
    argv: () => ['--verison'],
    code: 2,
    message: /unknown option --verison \(did you mean --version\?\)/,
  },
  ...SUBCOMMANDS.flatMap((sub): Case[] => [
    {
      name: `${sub} --help`,
      argv: () => [sub, '--help'],
      code: 0,
      message: new RegExp(`^Usage: starter-stack ${sub} `),
      stream: 'stdout',
      maxLines: 20,
    },
    {
      name: `help ${sub}`,
      argv: () => ['help', sub],
      code: 0,
      message: /^Exit codes: /,
      stream: 'stdout',
      maxLines: 20,
    },
    {
      name: `${sub} -h after other options`,
      argv: () => [sub, '--bogus', '-h'],
      code: 0,
      message: new RegExp(`^Usage: starter-stack ${sub} `),
      stream: 'stdout',
      maxLines: 20,
    },
  ]),
];

const GENERATE: Case[] = [
  {
    name: 'generate without --out',
    argv: () => ['generate'],
    code: 2,
    message: /^starter-stack generate: --out DIR is required$/,
  },
  {
    name: 'generate --out without a value',
    argv: () => ['generate', '--out'],
    code: 2,
    message: /^starter-stack generate: --out needs a value$/,
  },
  {
    name: 'generate --out swallowing the next option',
    argv: () => ['generate', '--out', '--force'],
    code: 2,
    message: /--out needs a value, got the option "--force" \(write --out=--force/,
  },
  {
    name: 'generate --hpa-min -1',
    argv: () => ['generate', '--out', 'k8s', '--hpa-min', '-1'],
    code: 2,
    message: /^starter-stack generate: --hpa-min must be at least 1, got -1$/,
  },
  {
    name: 'generate --hpa-min=-1',
    argv: () => ['generate', '--out', 'k8s', '--hpa-min=-1'],
    code: 2,
    message: /--hpa-min must be at least 1, got -1$/,
  },
  {
    name: 'generate --hpa-min 0',
    argv: () => ['generate', '--out', 'k8s', '--hpa-min', '0'],
    code: 2,
    message: /--hpa-min must be at least 1, got 0$/,
  },
  {
    name: 'generate --hpa-max above int32',
    argv: () => ['generate', '--out', 'k8s', '--hpa-max', '2147483648'],
    code: 2,
    message: /--hpa-max must be at most 2147483647, got 2147483648$/,
  },
  {
    name: 'generate --hpa-min not a number',
    argv: () => ['generate', '--out', 'k8s', '--hpa-min', 'two'],
    code: 2,
    message: /--hpa-min must be a whole number, got "two"$/,
  },
  {
    name: 'generate --hpa-min 2.5',
    argv: () => ['generate', '--out', 'k8s', '--hpa-min', '2.5'],
    code: 2,
    message: /--hpa-min must be a whole number, got "2.5"$/,
  },
  {
    name: 'generate --hpa-max below --hpa-min',
    argv: () => ['generate', '--out', 'k8s', '--hpa-min', '5', '--hpa-max', '3'],
    code: 2,
    message: /--hpa-max 3 is below --hpa-min 5/,
  },
  {
    name: 'generate --hpa-min above the default maximum',
    argv: () => ['generate', '--out', 'k8s', '--hpa-min', '6'],
    code: 2,
    message: /the default --hpa-max 5 is below --hpa-min 6/,
  },
  {
    name: 'generate with an unknown option',
    argv: () => ['generate', '--out', 'k8s', '--colour', 'blue'],
    code: 2,
    message: /^starter-stack generate: unknown option --colour$/,
  },
  {
    name: 'generate with a misspelt option',
    argv: () => ['generate', '--out', 'k8s', '--namspace', 'x'],
    code: 2,
    message: /unknown option --namspace \(did you mean --namespace\?\)/,
  },
  {
    name: 'generate with a value on a flag',
    argv: () => ['generate', '--out', 'k8s', '--force=yes'],
    code: 2,
    message: /--force takes no value, got "yes"/,
  },
  {
    name: 'generate with a stray argument',
    argv: () => ['generate', '--out', 'k8s', 'extra'],
    code: 2,
    message: /unexpected argument "extra"/,
  },
  {
    name: 'generate with a bad namespace',
    argv: () => ['generate', '--out', 'k8s', '--namespace', 'Bad_NS'],
    code: 2,
    message: /namespace "Bad_NS"/,
  },
  {
    name: 'generate with an unknown component',
    argv: () => ['generate', '--out', 'k8s', '--components', 'node-api,redis'],
    code: 2,
    message: /unknown component "redis"/,
  },
  {
    name: 'generate with a bad image tag',
    argv: () => ['generate', '--out', 'k8s', '--tag', 'a b'],
    code: 2,
    message: /tag/i,
  },
  {
    name: 'generate --out is a file',
    setup: (d) => write(join(d, 'k8s'), 'mine'),
    argv: () => ['generate', '--out', 'k8s'],
    code: 1,
    message: /^starter-stack generate: k8s is a file, not a folder$/,
    maxLines: 2,
  },
  {
    name: 'generate --out below a file',
    setup: (d) => write(join(d, 'f'), 'mine'),
    argv: () => ['generate', '--out', 'f/k8s'],
    code: 1,
    message: /^starter-stack generate: f\/k8s: .*\/f is a file, not a folder$/,
    maxLines: 2,
  },
  {
    name: 'generate: a folder where a file should go',
    setup: (d) => mkdirSync(join(d, 'k8s', 'namespace.yaml'), { recursive: true }),
    argv: () => ['generate', '--out', 'k8s'],
    code: 1,
    message: /k8s\/namespace\.yaml is a folder where a file should go$/,
    maxLines: 2,
  },
  {
    name: 'generate: a FIFO where a file should go (no hang)',
    setup: (d) => (mkdirSync(join(d, 'k8s')), makeFifo(join(d, 'k8s', 'mongo.yaml'))),
    argv: () => ['generate', '--out', 'k8s'],
    code: 1,
    message: /k8s\/mongo\.yaml is not a regular file$/,
    maxLines: 2,
  },
  {
    name: 'generate: a dangling symbolic link in the output folder is not followed',
    setup: (d) => (mkdirSync(join(d, 'k8s')), symlinkSync(join(d, 'outside.yaml'), join(d, 'k8s', 'mongo.yaml'))),
    argv: () => ['generate', '--out', 'k8s'],
    code: 1,
    message: /k8s\/mongo\.yaml is a symbolic link; not following it/,
    maxLines: 2,
  },
  {
    name: 'generate: a link to a file outside is neither read nor written',
    setup: (d) => (
      write(join(d, 'victim.yaml'), 'precious'),
      mkdirSync(join(d, 'k8s')),
      symlinkSync(join(d, 'victim.yaml'), join(d, 'k8s', 'kustomization.yaml'))
    ),
    argv: () => ['generate', '--out', 'k8s', '--force'],
    code: 1,
    message: /k8s\/kustomization\.yaml is a symbolic link/,
    maxLines: 2,
  },
  {
    name: 'generate: --out is a dangling symbolic link',
    setup: (d) => symlinkSync(join(d, 'elsewhere'), join(d, 'k8s')),
    argv: () => ['generate', '--out', 'k8s'],
    code: 1,
    message: /k8s is a symbolic link to nothing/,
    maxLines: 2,
  },
  {
    name: 'generate into a folder it may not write (EACCES, as nobody)',
    setup: (d) => (mkdirSync(join(d, 'k8s')), chmodSync(join(d, 'k8s'), 0o555)),
    wrap: 'nobody',
    argv: () => ['generate', '--out', 'k8s'],
    code: 1,
    message: /^starter-stack generate: k8s: permission denied$/,
    maxLines: 2,
    skip: !canDropRoot && 'setpriv is not installed, and root passes permission checks',
  },
  {
    name: 'generate into a new folder it may not create (EACCES, as nobody)',
    setup: (d) => (mkdirSync(join(d, 'locked')), chmodSync(join(d, 'locked'), 0o555)),
    wrap: 'nobody',
    argv: () => ['generate', '--out', 'locked/k8s'],
    code: 1,
    message: /locked\/k8s: cannot create it in .*locked \(permission denied\)$/,
    maxLines: 2,
    skip: !canDropRoot && 'setpriv is not installed, and root passes permission checks',
  },
  {
    name: 'generate onto a read-only file system (EROFS)',
    setup: (d) => mkdirSync(join(d, 'ro')),
    wrap: 'read-only',
    argv: () => ['generate', '--out', 'ro/k8s'],
    code: 1,
    message: /ro\/k8s: cannot create it in .*ro \(read-only file system\)$/,
    maxLines: 2,
    skip: !canMountReadOnly && 'unshare cannot make a mount namespace here',
  },
  {
    name: 'generate: an unreadable existing file is reported, not overwritten (as nobody)',
    setup: (d) => (
      write(join(d, 'k8s', 'mongo.yaml'), 'secret'),
      chmodSync(join(d, 'k8s'), 0o777),
      chmodSync(join(d, 'k8s', 'mongo.yaml'), 0o200)
    ),
    wrap: 'nobody',
    argv: () => ['generate', '--out', 'k8s', '--force'],
    code: 1,
    message: /k8s\/mongo\.yaml: (cannot read it \(permission denied\)|permission denied)$/,
    maxLines: 3,
    skip: !canDropRoot && 'setpriv is not installed, and root passes permission checks',
  },
];

const SCAFFOLD: Case[] = [
  {
    name: 'scaffold without --out',
    argv: () => ['scaffold'],
    code: 2,
    message: /^starter-stack scaffold: --out DIR is required$/,
  },
  {
    name: 'scaffold with a generate-only option',
    argv: () => ['scaffold', '--out', 'p', '--hpa-min', '2'],
    code: 2,
    message: /^starter-stack scaffold: unknown option --hpa-min$/,
  },
  {
    name: 'scaffold --tag without a value',
    argv: () => ['scaffold', '--out', 'p', '--tag'],
    code: 2,
    message: /--tag needs a value$/,
  },
  {
    name: 'scaffold with a bad image prefix',
    argv: () => ['scaffold', '--out', 'p', '--image-prefix', 'UPPER/Case'],
    code: 2,
    message: /image prefix|--image-prefix/i,
  },
  {
    name: 'scaffold --out is a file',
    setup: (d) => write(join(d, 'p'), 'mine'),
    argv: () => ['scaffold', '--out', 'p'],
    code: 1,
    message: /^starter-stack scaffold: p is a file, not a folder$/,
    maxLines: 2,
  },
  {
    name: 'scaffold: apps is a file where a folder should go',
    setup: (d) => write(join(d, 'p', 'apps'), 'mine'),
    argv: () => ['scaffold', '--out', 'p'],
    code: 1,
    message: /^starter-stack scaffold: p\/apps is a file where a folder should go$/,
    maxLines: 2,
  },
  {
    name: 'scaffold: a link inside the project is not followed',
    setup: (d) => (
      mkdirSync(join(d, 'elsewhere')),
      mkdirSync(join(d, 'p')),
      symlinkSync(join(d, 'elsewhere'), join(d, 'p', 'k8s'))
    ),
    argv: () => ['scaffold', '--out', 'p'],
    code: 1,
    message: /^starter-stack scaffold: p\/k8s is a symbolic link; not following it/,
    maxLines: 2,
  },
];

const LINT: Case[] = [
  { name: 'lint without a path', argv: () => ['lint'], code: 2, message: /^starter-stack lint: at least one PATH/ },
  {
    name: 'lint --format xml',
    setup: manifests,
    argv: () => ['lint', 'm', '--format', 'xml'],
    code: 2,
    message: /^starter-stack lint: --format must be text, json or sarif, got "xml"$/,
  },
  {
    name: 'lint with a misspelt option',
    setup: manifests,
    argv: () => ['lint', 'm', '--formt', 'json'],
    code: 2,
    message: /unknown option --formt \(did you mean --format\?\)/,
  },
  {
    name: 'lint --rule with a bad setting',
    setup: manifests,
    argv: () => ['lint', 'm', '--rule', 'image-tag=loud'],
    code: 2,
    message: /--rule wants ID=off\|error\|warning\|info, got "image-tag=loud"/,
  },
  {
    name: 'lint --rule without a value',
    setup: manifests,
    argv: () => ['lint', 'm', '--rule'],
    code: 2,
    message: /--rule needs a value$/,
  },
  {
    name: 'lint of a missing file',
    argv: () => ['lint', 'nope.yaml'],
    code: 2,
    message: /no such file or folder: .*nope\.yaml$/,
  },
  {
    name: 'lint of a FIFO named on the command line: skipped with a note',
    setup: (d) => makeFifo(join(d, 'pipe.yaml')),
    argv: () => ['lint', 'pipe.yaml'],
    code: 0,
    message: /skipped .*pipe\.yaml: not a regular file/,
  },
  {
    name: 'lint of a folder holding a FIFO: skipped with a note, the rest linted',
    setup: (d) => (manifests(d), makeFifo(join(d, 'm', 'pipe.yaml'))),
    argv: () => ['lint', 'm', '--format', 'json'],
    code: 0,
    message: /skipped .*m\/pipe\.yaml: not a regular file/,
  },
  {
    name: 'lint of an unreadable file (as nobody)',
    setup: (d) => (write(join(d, 'locked.yaml'), CONFIG_MAP), chmodSync(join(d, 'locked.yaml'), 0o200)),
    wrap: 'nobody',
    argv: () => ['lint', 'locked.yaml'],
    code: 1,
    message: /cannot read .*locked\.yaml: EACCES/,
    skip: !canDropRoot && 'setpriv is not installed, and root passes permission checks',
  },
];

const APPLY: Case[] = [
  { name: 'apply without a folder', argv: () => ['apply'], code: 2, message: /^starter-stack apply: missing DIR/ },
  {
    name: 'apply with two folders',
    argv: () => ['apply', 'a', 'b'],
    code: 2,
    message: /^starter-stack apply: unexpected argument "b"$/,
  },
  {
    name: 'apply --output yaml',
    argv: () => ['apply', 'm', '--output', 'yaml'],
    code: 2,
    message: /--output must be text or json, got "yaml"$/,
  },
  { name: 'apply -o without a value', argv: () => ['apply', 'm', '-o'], code: 2, message: /-o needs a value$/ },
  {
    name: 'apply --timeout -5',
    argv: () => ['apply', 'm', '--wait', '--timeout', '-5'],
    code: 2,
    message: /^starter-stack apply: --timeout must be at least 0, got -5$/,
  },
  {
    name: 'apply --timeout 1m',
    argv: () => ['apply', 'm', '--timeout', '1m'],
    code: 2,
    message: /--timeout must be a whole number, got "1m"$/,
  },
  {
    name: 'apply with a misspelt flag',
    argv: () => ['apply', 'm', '--dryrun'],
    code: 2,
    message: /unknown option --dryrun \(did you mean --dry-run\?\)/,
  },
  {
    name: 'apply -N (a short option with the wrong case)',
    argv: () => ['apply', 'm', '-N', 'x'],
    code: 2,
    message: /unknown option -N \(did you mean --namespace\?\)/,
  },
  {
    name: 'apply --dry-run=true',
    argv: () => ['apply', 'm', '--dry-run=true'],
    code: 2,
    message: /--dry-run takes no value, got "true"$/,
  },
  {
    name: 'apply of an empty folder',
    setup: (d) => mkdirSync(join(d, 'empty')),
    argv: () => ['apply', 'empty', '--kubeconfig', 'kc'],
    code: 1,
    message: /no Kubernetes objects found in .*empty/,
  },
  {
    name: 'apply with a missing kubeconfig',
    setup: manifests,
    argv: () => ['apply', 'm', '--kubeconfig', 'missing'],
    code: 1,
    message: /no kubeconfig found \(looked at .*missing\)/,
  },
  {
    name: 'apply with an empty kubeconfig',
    setup: (d) => (manifests(d), write(join(d, 'kc'), '')),
    argv: () => ['apply', 'm', '--kubeconfig', 'kc'],
    code: 1,
    message: /^starter-stack apply: kubeconfig .*kc is empty$/,
  },
  {
    name: 'apply with a blank KUBECONFIG file',
    setup: (d) => (manifests(d), write(join(d, 'kc'), '\n  \n')),
    env: (d) => ({ KUBECONFIG: join(d, 'kc') }),
    argv: () => ['apply', 'm'],
    code: 1,
    message: /kubeconfig .*kc is empty$/,
  },
  {
    name: 'apply with a kubeconfig that is a YAML scalar',
    setup: (d) => (manifests(d), write(join(d, 'kc'), 'just words\n')),
    argv: () => ['apply', 'm', '--kubeconfig', 'kc'],
    code: 1,
    message: /kubeconfig .*kc is not a kubeconfig: it defines no clusters, contexts or users$/,
  },
  {
    name: 'apply with a kubeconfig that is a folder',
    setup: (d) => (manifests(d), mkdirSync(join(d, 'kc'))),
    argv: () => ['apply', 'm', '--kubeconfig', 'kc'],
    code: 1,
    message: /cannot read kubeconfig .*kc: EISDIR/,
  },
  {
    name: 'apply with an unknown context',
    setup: (d) => (manifests(d), write(join(d, 'kc'), KUBECONFIG)),
    argv: () => ['apply', 'm', '--kubeconfig', 'kc', '--context', 'nope'],
    code: 1,
    message: /unknown context "nope" \(available: ctx\)/,
  },
];

const DELETE: Case[] = [
  {
    name: 'delete with an argument',
    argv: () => ['delete', 'everything'],
    code: 2,
    message: /^starter-stack delete: unexpected argument "everything"$/,
  },
  {
    name: 'delete --output yaml',
    argv: () => ['delete', '--output', 'yaml'],
    code: 2,
    message: /--output must be text or json, got "yaml"$/,
  },
  { name: 'delete -n without a value', argv: () => ['delete', '-n'], code: 2, message: /-n needs a value$/ },
  {
    name: 'delete --include-pvc (misspelt)',
    argv: () => ['delete', '--include-pvc'],
    code: 2,
    message: /unknown option --include-pvc \(did you mean --include-pvcs\?\)/,
  },
  {
    name: 'delete with an empty kubeconfig',
    setup: (d) => write(join(d, 'kc'), ''),
    argv: () => ['delete', '--kubeconfig', 'kc', '--namespace', 'starter'],
    code: 1,
    message: /kubeconfig .*kc is empty$/,
  },
];

const IMAGES: Case[] = [
  {
    name: 'images without an action',
    argv: () => ['images'],
    code: 2,
    message: /^starter-stack images: say build or load$/,
  },
  { name: 'images push', argv: () => ['images', 'push'], code: 2, message: /unknown action "push" \(build or load\)$/ },
  {
    name: 'images build with two actions',
    argv: () => ['images', 'build', 'load'],
    code: 2,
    message: /unexpected argument "load"$/,
  },
  {
    name: 'images build --only an unknown service',
    argv: () => ['images', 'build', '--only', 'redis'],
    code: 2,
    message: /--only: unknown service redis \(known: /,
  },
  {
    name: 'images build --tag without a value',
    argv: () => ['images', 'build', '--tag'],
    code: 2,
    message: /--tag needs a value$/,
  },
  {
    name: 'images build where no apps are',
    argv: () => ['images', 'build', '--dir', 'nowhere'],
    code: 2,
    message: /No starter apps in .*nowhere/,
  },
];

const DEMO_CLUSTER: Case[] = [
  {
    name: 'demo-cluster --port 70000',
    argv: () => ['demo-cluster', '--port', '70000'],
    code: 2,
    message: /^starter-stack demo-cluster: --port must be at most 65535, got 70000$/,
  },
  {
    name: 'demo-cluster --port -1',
    argv: () => ['demo-cluster', '--port', '-1'],
    code: 2,
    message: /--port must be at least 0, got -1$/,
  },
  {
    name: 'demo-cluster --port http',
    argv: () => ['demo-cluster', '--port', 'http'],
    code: 2,
    message: /--port must be a whole number, got "http"$/,
  },
  {
    name: 'demo-cluster --nodes 0',
    argv: () => ['demo-cluster', '--nodes', '0'],
    code: 2,
    message: /--nodes must be at least 1, got 0$/,
  },
  {
    name: 'demo-cluster --time-scale 0',
    argv: () => ['demo-cluster', '--time-scale', '0'],
    code: 2,
    message: /--time-scale must be a positive number, got "0"$/,
  },
  {
    name: 'demo-cluster with an argument',
    argv: () => ['demo-cluster', 'now'],
    code: 2,
    message: /unexpected argument "now"$/,
  },
  {
    name: 'demo-cluster --kubeconfig below a file',
    setup: (d) => write(join(d, 'f'), 'mine'),
    argv: () => ['demo-cluster', '--kubeconfig', 'f/kc'],
    code: 1,
    message: /^starter-stack demo-cluster: cannot write the kubeconfig .*f\/kc: .*\/f is a file, not a folder$/,
  },
  {
    name: 'demo-cluster --kubeconfig in a missing folder',
    argv: () => ['demo-cluster', '--kubeconfig', 'no/such/kc'],
    code: 1,
    message: /cannot write the kubeconfig .*no\/such\/kc: its folder does not exist$/,
  },
  {
    name: 'demo-cluster --kubeconfig is a folder',
    setup: (d) => mkdirSync(join(d, 'kc')),
    argv: () => ['demo-cluster', '--kubeconfig', 'kc'],
    code: 1,
    message: /kc: it exists and is not a regular file$/,
  },
  {
    name: "demo-cluster never overwrites the user's kubeconfig",
    setup: (d) => write(join(d, 'config'), KUBECONFIG),
    argv: () => ['demo-cluster', '--kubeconfig', 'config'],
    code: 1,
    message: /config exists and is not a demo-cluster kubeconfig; not overwriting it/,
  },
  {
    name: 'demo-cluster --kubeconfig on a read-only file system: one line, and the process ends',
    setup: (d) => mkdirSync(join(d, 'ro')),
    wrap: 'read-only',
    argv: () => ['demo-cluster', '--kubeconfig', 'ro/kc'],
    code: 1,
    message: /^starter-stack demo-cluster: cannot write the kubeconfig .*ro\/kc: EROFS$/,
    skip: !canMountReadOnly && 'unshare cannot make a mount namespace here',
  },
];

const LOAD: Case[] = [
  {
    name: 'load without an action',
    argv: () => ['load'],
    code: 2,
    message: /^starter-stack load: missing start, stop or status$/,
  },
  {
    name: 'load with an unknown action',
    argv: () => ['load', 'begin', 'node-api'],
    code: 2,
    message: /^starter-stack load: unknown load action "begin" \(start, stop or status\)$/,
  },
  {
    name: 'load start without a Service',
    argv: () => ['load', 'start'],
    code: 2,
    message: /^starter-stack load: missing SERVICE \(e\.g\. node-api\)$/,
  },
  {
    name: 'load start with a Service name that is not one',
    argv: () => ['load', 'start', 'Node_API'],
    code: 2,
    message: /^starter-stack load: SERVICE must be a Service name .*got "Node_API"$/,
  },
  {
    name: 'load start --rps 0',
    argv: () => ['load', 'start', 'node-api', '--rps', '0'],
    code: 2,
    message: /^starter-stack load: --rps must be at least 1, got 0$/,
  },
  {
    name: 'load start --rps fast',
    argv: () => ['load', 'start', 'node-api', '--rps', 'fast'],
    code: 2,
    message: /^starter-stack load: --rps must be a whole number, got "fast"$/,
  },
  {
    name: 'load start --duration 5 minutes',
    argv: () => ['load', 'start', 'node-api', '--duration', '5min'],
    code: 2,
    message: /^starter-stack load: --duration must be a duration from 10s to 24h such as 90s or 5m, got "5min"$/,
  },
  {
    name: 'load start --duration 2s (too short)',
    argv: () => ['load', 'start', 'node-api', '--duration', '2s'],
    code: 2,
    message: /^starter-stack load: --duration must be .*got "2s"$/,
  },
  {
    name: 'load start --path without a slash',
    argv: () => ['load', 'start', 'node-api', '--path', 'api'],
    code: 2,
    message: /^starter-stack load: --path must start with \/ and hold no spaces or quotes, got "api"$/,
  },
  {
    name: 'load start --rps without a value',
    argv: () => ['load', 'start', 'node-api', '--rps'],
    code: 2,
    message: /^starter-stack load: .*--rps.*/,
  },
  {
    name: 'load stop with two Services',
    argv: () => ['load', 'stop', 'a', 'b'],
    code: 2,
    message: /^starter-stack load: unexpected argument "b"$/,
  },
  {
    name: 'load status with an argument',
    argv: () => ['load', 'status', 'node-api'],
    code: 2,
    message: /^starter-stack load: unexpected argument "node-api"$/,
  },
  {
    name: 'load status --output yaml',
    argv: () => ['load', 'status', '--output', 'yaml'],
    code: 2,
    message: /^starter-stack load: --output must be text or json, got "yaml"$/,
  },
  {
    name: 'load status --watch (unknown option)',
    argv: () => ['load', 'status', '--watch'],
    code: 2,
    message: /^starter-stack load: .*--watch/,
  },
];

const CASES: Case[] = [
  ...TOP_LEVEL,
  ...GENERATE,
  ...SCAFFOLD,
  ...LINT,
  ...APPLY,
  ...DELETE,
  ...IMAGES,
  ...DEMO_CLUSTER,
  ...LOAD,
];

/** Every path under `dir` with what it is, not following links: what "nothing else changed" compares. */
function snapshot(dir: string, base = dir, into = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const key = path.slice(base.length + 1);
    const info = lstatSync(path);
    if (info.isSymbolicLink()) into.set(key, `link ${readlinkSync(path)}`);
    else if (info.isDirectory()) {
      into.set(key, `dir ${info.mode.toString(8)}`);
      snapshot(path, base, into);
    } else if (info.isFile())
      into.set(key, `file ${info.mode.toString(8)} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    else into.set(key, `special ${info.mode.toString(8)}`);
  }
  return into;
}

function command(c: Case, dir: string): { file: string; args: string[] } {
  const node = [process.execPath, CLI, ...c.argv(dir)];
  if (c.wrap === 'nobody')
    return { file: 'setpriv', args: ['--reuid=65534', '--regid=65534', '--clear-groups', ...node] };
  if (c.wrap === 'read-only') {
    const script = 'mount -t tmpfs -o ro tmpfs "$1" && shift && exec "$@"';
    return { file: 'unshare', args: ['-rm', 'sh', '-c', script, 'sh', join(dir, 'ro'), ...node] };
  }
  return { file: node[0] as string, args: node.slice(1) };
}

const STACK_TRACE = /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m;
const ERROR_DUMP = /^(\w*Error|Error \[\w+\]|node:internal)|unexpected error|Cannot read properties/m;

/** Runs the command without blocking, so several cases run at once (each spawns a Node process). */
function execute(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { ...options, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        resolve({
          status: child.exitCode,
          signal: child.signalCode ?? (error?.killed ? 'SIGKILL' : null),
          stdout,
          stderr,
        });
      },
    );
  });
}

async function runCase(c: Case): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'starter-stack-bad-input-'));
  chmodSync(dir, 0o755);
  c.setup?.(dir);
  const before = snapshot(dir);
  const { file, args } = command(c, dir);
  const run = await execute(file, args, {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...c.env?.(dir) },
  });
  const shown = `exit ${run.status} signal ${run.signal}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
  assert.equal(run.signal, null, `the command ended by itself (it hung until the test's limit):\n${shown}`);
  assert.equal(run.status, c.code, shown);
  const lines = (c.stream === 'stdout' ? run.stdout : run.stderr).split('\n').filter((l) => l.length > 0);
  assert.ok(
    lines.some((l) => c.message.test(l)),
    `no line matches ${String(c.message)}:\n${shown}`,
  );
  assert.ok(lines.length <= (c.maxLines ?? 1), `at most ${c.maxLines ?? 1} line(s):\n${shown}`);
  for (const text of [run.stdout, run.stderr]) {
    assert.doesNotMatch(text, STACK_TRACE, 'no stack trace');
    assert.doesNotMatch(text, ERROR_DUMP, 'no error dump');
  }
  const afterwards = snapshot(dir);
  const allowed = new Set(c.changes ?? []);
  const changed = [...new Set([...before.keys(), ...afterwards.keys()])].filter(
    (k) =>
      before.get(k) !== afterwards.get(k) &&
      ![...allowed].some((a) => k === a || k.startsWith(`${a}/`)) &&
      !CODE_CACHE.test(k),
  );
  assert.deepEqual(changed, [], `nothing outside ${JSON.stringify([...allowed])} changed`);
}

// A lint run that did its work (exit 0 or 1) keeps V8's compiled code of its bundle here (src/cli/codeCache.ts).
const CODE_CACHE = /^\.cache(\/starter-stack(\/v8(\/cli-lint\.js-[^/]+\.v8cache)?)?)?$/;

describe('starter-stack with bad input', { concurrency: 4 }, () => {
  for (const c of CASES) it(c.name, { skip: c.skip }, () => runCase(c));

  describe('a port already in use', () => {
    let server: Server;
    let port = 0;
    before(async () => {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    it('demo-cluster --port in use: one line, exit 1, and the process ends', async () => {
      await runCase({
        name: 'port in use',
        argv: () => ['demo-cluster', '--port', String(port)],
        code: 1,
        message: new RegExp(`^starter-stack demo-cluster: port ${port} on 127\\.0\\.0\\.1 is already in use`),
      });
    });
  });
});

/** Polls until `check` holds or `limitMs` passes. */
async function until(check: () => boolean, limitMs: number): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const state = { stdout: '', stderr: '', exit: undefined as number | null | undefined };
  child.stdout.on('data', (b: Buffer) => (state.stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (state.stderr += b.toString()));
  child.on('exit', (code) => (state.exit = code));
  return { child, state };
}

describe('long-running commands stop on a signal', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`demo-cluster: ${signal} after it started ends it within 2 s, exit 0`, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'starter-stack-signal-'));
      const { child, state } = start(['demo-cluster', '--kubeconfig', 'kc'], dir);
      t.after(() => child.kill('SIGKILL'));
      assert.ok(
        await until(() => state.stdout.includes('Press Ctrl+C') || state.exit !== undefined, 60_000),
        `it started:\n${state.stdout}${state.stderr}`,
      );
      assert.equal(state.exit, undefined, state.stderr);
      assert.ok(existsSync(join(dir, 'kc')));
      child.kill(signal);
      assert.ok(await until(() => state.exit !== undefined, 2000), 'exited within 2 s');
      assert.equal(state.exit, 0, state.stderr);
      assert.doesNotMatch(state.stderr, STACK_TRACE);
    });
  }

  it('lint of a FIFO ends by itself with a note, and SIGINT would end it within 2 s', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-stack-signal-'));
    makeFifo(join(dir, 'pipe.yaml'));
    write(join(dir, 'cm.yaml'), CONFIG_MAP);
    const { child, state } = start(['lint', 'pipe.yaml', 'cm.yaml'], dir);
    t.after(() => child.kill('SIGKILL'));
    const ended = await until(() => state.exit !== undefined, 30_000);
    if (!ended) child.kill('SIGINT');
    assert.ok(ended || (await until(() => state.exit !== undefined, 2000)), 'ended after SIGINT within 2 s');
    assert.ok(ended, 'lint did not wait on the FIFO');
    assert.equal(state.exit, 0, state.stderr);
    assert.match(state.stderr, /skipped .*pipe\.yaml: not a regular file/);
  });
});

describe('cold start', () => {
  it('dist/cli.js is the dispatcher alone: the core and its libraries are in the per-command bundles', () => {
    const dispatcher = readFileSync(CLI, 'utf8');
    assert.ok(dispatcher.length < 100_000, `${dispatcher.length} bytes`);
    for (const heavy of ['KubeConfig', 'IoK8sApiAppsV1Deployment', 'startClusterSimulator', 'parseAllDocuments'])
      assert.ok(!dispatcher.includes(heavy), heavy);
    for (const sub of ['generate', 'apply', 'delete', 'lint', 'scaffold', 'images', 'demoCluster'])
      assert.ok(existsSync(join(CLI, '..', `cli-${sub}.js`)), sub);
    // An import() of a CommonJS file makes Node read it twice and scan it for export names before running it.
    assert.doesNotMatch(dispatcher, /import\("\.\/cli-/);
  });

  it('the cluster commands read client-node only when a kubeconfig needs it (exec plugins, auth providers, proxies)', () => {
    for (const sub of ['apply', 'delete', 'doctor', 'rollout', 'verify', 'workloadActions']) {
      const bundle = readFileSync(join(CLI, '..', `cli-${sub}.js`), 'utf8');
      assert.ok(!bundle.includes('readNamespacedDeployment'), `${sub} bundles client-node's generated API`);
      assert.ok(bundle.length < 1_000_000, `cli-${sub}.js is ${bundle.length} bytes`);
    }
  });
});

describe('output to a closed pipe', () => {
  it('ends quietly (no EPIPE error) when the reader has gone', async () => {
    const child = spawn(process.execPath, [CLI, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
