// The Dockerfiles, .dockerignore files and the compose file, checked statically (no container engine here)
// and against what the generated manifests say: ports, users, images, environment variable names.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { APP_SERVICES, type AppService } from '../../../src/stack/apps';
import { appFacts } from '../../integration/apps/support/manifests';

const APPS = join(__dirname, '../../../templates/apps');

interface Instruction {
  readonly op: string;
  readonly args: string;
  readonly line: number;
}

/** Dockerfile instructions, continuation lines joined, comments and the syntax directive dropped. */
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (!pending) start = i + 1;
    pending += (pending ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) return;
    const [op = '', ...rest] = pending.split(/\s+/);
    out.push({ op: op.toUpperCase(), args: rest.join(' '), line: start });
    pending = '';
  });
  return out;
}

interface Stage {
  readonly base: string;
  readonly name?: string;
  readonly instructions: Instruction[];
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.op === 'FROM') {
      const [base = '', as, name] = ins.args.split(/\s+/);
      stages.push({ base, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else stages.at(-1)?.instructions.push(ins);
  }
  return stages;
}

/** The JSON-array or shell form sources of a COPY (all but the last word), flags removed. */
function copySources(args: string): { from?: string; sources: string[] } {
  const words = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const plain = words.filter((w) => !w.startsWith('--'));
  return { from, sources: plain.slice(0, -1) };
}

function matchesGlob(dir: string, pattern: string): boolean {
  if (!pattern.includes('*')) return existsSync(join(dir, pattern));
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  return readdirSync(dir).some((f) => re.test(f));
}

const dockerignore = (service: AppService) =>
  readFileSync(join(APPS, service, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

describe('Dockerfiles', () => {
  for (const service of APP_SERVICES) {
    describe(service, () => {
      const dir = join(APPS, service);
      const instructions = parseDockerfile(readFileSync(join(dir, 'Dockerfile'), 'utf8'));
      const stages = stagesOf(instructions);
      const final = stages.at(-1)!;

      it('is multi-stage, on pinned base images (a version tag, never latest)', () => {
        assert.ok(stages.length >= 2, `${stages.length} stage(s)`);
        const names = new Set<string>();
        for (const stage of stages) {
          if (stage.base !== 'scratch' && !names.has(stage.base)) {
            const tag = /^[^@]+:([^/@]+)(@sha256:[a-f0-9]{64})?$/.exec(stage.base)?.[1];
            assert.ok(tag, `${stage.base} has a tag`);
            assert.notEqual(tag, 'latest', stage.base);
            assert.match(tag, /\d+\.\d+/, `${stage.base} pins a version (major.minor at least)`);
          }
          if (stage.name) names.add(stage.name);
        }
      });

      it('copies only files that exist in the build context and are not excluded by .dockerignore', () => {
        const ignored = dockerignore(service);
        const stageNames = stages.map((s) => s.name).filter(Boolean);
        for (const ins of instructions.filter((i) => i.op === 'COPY' || i.op === 'ADD')) {
          const { from, sources } = copySources(ins.args);
          if (from) {
            assert.ok(stageNames.includes(from), `line ${ins.line}: --from=${from} names an earlier stage`);
            continue;
          }
          assert.notEqual(ins.op, 'ADD', `line ${ins.line}: COPY, not ADD`);
          for (const source of sources) {
            assert.ok(matchesGlob(dir, source), `line ${ins.line}: COPY source ${source} exists in ${service}/`);
            assert.ok(!ignored.includes(source), `line ${ins.line}: ${source} is excluded by .dockerignore`);
          }
        }
      });

      it('runs as the non-root user of the Deployment and exposes its container port', async () => {
        const facts = await appFacts(service);
        const user = final.instructions.filter((i) => i.op === 'USER').at(-1)?.args;
        assert.ok(user, 'the final stage sets USER');
        const [uid, gid] = user.split(':');
        assert.notEqual(uid, 'root');
        assert.notEqual(uid, '0');
        assert.equal(Number(uid), facts.runAsUser, `USER ${user} matches runAsUser ${facts.runAsUser}`);
        if (gid !== undefined) assert.equal(Number(gid), facts.runAsUser);
        const exposed = final.instructions.filter((i) => i.op === 'EXPOSE').map((i) => Number(i.args.split('/')[0]));
        assert.deepEqual(exposed, [facts.port]);
        assert.equal(facts.image, `starter-stack/${service}:0.1.0`);
      });

      it('starts the process directly (exec form), so it receives SIGTERM', () => {
        const start = final.instructions.filter((i) => i.op === 'CMD' || i.op === 'ENTRYPOINT');
        assert.ok(start.length > 0);
        for (const ins of start) assert.ok(ins.args.startsWith('['), `line ${ins.line}: exec form`);
      });

      it('has a .dockerignore that keeps build output and dependencies out of the context', () => {
        const ignored = dockerignore(service);
        assert.ok(ignored.includes('Dockerfile') && ignored.includes('.git'), ignored.join(', '));
        if (existsSync(join(dir, 'package.json'))) assert.ok(ignored.includes('node_modules'));
      });
    });
  }

  it('Node apps ship a lock file (npm ci) that matches their package.json', () => {
    for (const service of ['node-api', 'frontend'] as const) {
      const pkg = JSON.parse(readFileSync(join(APPS, service, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const lock = JSON.parse(readFileSync(join(APPS, service, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>;
      };
      assert.deepEqual(lock.packages['']?.dependencies, pkg.dependencies, `${service}: lock file dependencies`);
      assert.deepEqual(
        lock.packages['']?.devDependencies,
        pkg.devDependencies,
        `${service}: lock file devDependencies`,
      );
    }
  });

  it("the repository's devDependencies (what the app tests run on) are the apps' own version ranges", () => {
    const root = JSON.parse(readFileSync(join(APPS, '../../package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    for (const service of ['node-api', 'frontend'] as const) {
      const pkg = JSON.parse(readFileSync(join(APPS, service, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
        assert.equal(root.devDependencies[name], range, `${service}: ${name}`);
      }
    }
  });

  it('the Go app pins its modules in go.mod and resolves go.sum in the build stage', () => {
    const gomod = readFileSync(join(APPS, 'go-api', 'go.mod'), 'utf8');
    assert.match(gomod, /github\.com\/lib\/pq v\d+\.\d+\.\d+/);
    assert.match(gomod, /github\.com\/prometheus\/client_golang v\d+\.\d+\.\d+/);
    assert.match(readFileSync(join(APPS, 'go-api', 'Dockerfile'), 'utf8'), /RUN go mod tidy && go build/);
  });
});

/** Environment variable names an app's source reads. */
function envNamesRead(service: AppService): Set<string> {
  const patterns: Record<AppService, [string, RegExp]> = {
    'node-api': ['src/server.js', /process\.env\.([A-Z_]+)/g],
    fastapi: ['app/settings.py', /env\.get\("([A-Z_]+)"/g],
    'go-api': ['main.go', /(?:env|os\.Getenv)\("([A-Z_]+)"/g],
    frontend: ['nginx.conf', /\$\{([A-Z_]+)\}/g],
  };
  const [file, re] = patterns[service];
  return new Set([...readFileSync(join(APPS, service, file), 'utf8').matchAll(re)].map((m) => m[1]!));
}

describe('apps agree with the manifests', () => {
  for (const service of ['node-api', 'fastapi', 'go-api'] as const) {
    it(`${service} reads every environment variable its Deployment sets`, async () => {
      const facts = await appFacts(service);
      const read = envNamesRead(service);
      for (const name of facts.envNames)
        assert.ok(read.has(name), `${service} ignores ${name} (reads ${[...read].join(', ')})`);
      assert.ok(facts.basePath?.startsWith('/api-'), 'the API serves under its Ingress prefix');
    });
  }
});

describe('docker-compose.yml', () => {
  type Service = {
    build?: string;
    image?: string;
    environment?: Record<string, string>;
    ports?: string[];
    healthcheck?: { test: string[] };
  };
  const compose = parse(readFileSync(join(APPS, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, Service>;
  };

  it('builds each app from its folder and tags it as the manifests name it', async () => {
    for (const service of APP_SERVICES) {
      const s = compose.services[service];
      assert.ok(s, service);
      assert.equal(s.build, `./${service}`);
      assert.ok(existsSync(join(APPS, service, 'Dockerfile')));
      assert.equal(s.image, '${IMAGE_PREFIX:-starter-stack}/' + service + ':${IMAGE_TAG:-0.1.0}');
      assert.equal((await appFacts(service)).image, `starter-stack/${service}:0.1.0`);
      assert.ok(s.healthcheck?.test.length, `${service} has a healthcheck`);
    }
  });

  it('gives each API the environment variable names, port and prefix its Deployment gives it', async () => {
    for (const service of ['node-api', 'fastapi', 'go-api'] as const) {
      const facts = await appFacts(service);
      const env = compose.services[service]!.environment ?? {};
      assert.deepEqual(Object.keys(env).sort(), [...facts.envNames].sort(), service);
      assert.equal(env.PORT, String(facts.port));
      assert.equal(env.BASE_PATH, facts.basePath);
    }
  });

  it('uses pinned images for the databases and the local ingress', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      if (s.build) continue;
      assert.match(s.image ?? '', /^[\w./-]+:\d+\.\d+[\w.-]*$/, `${name}: ${s.image}`);
    }
  });
});
