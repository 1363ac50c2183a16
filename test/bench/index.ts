// `npm run bench -- <name>`: runs one benchmark and prints its result as the last stdout line (JSON).
type Bench = (argv: readonly string[]) => Promise<Record<string, unknown>>;

/** Loads a benchmark module written by another part of the project; its file may not exist yet. */
async function load(file: string, exported: string): Promise<Bench> {
  const module = (await import(file)) as Record<string, unknown>;
  const bench = module[exported];
  if (typeof bench !== 'function') throw new Error(`test/bench/${file}.ts does not export ${exported}()`);
  return bench as Bench;
}

const BENCHES: Record<string, Bench> = {
  apply: async () => (await import('./apply')).benchApply(),
  cli: async () => (await import('./cli')).benchCli(),
  tree: async (argv) => (await load('./tree', 'benchTree'))(argv),
  lint: async () => (await load('./lint', 'benchLint'))([]),
  logs: async () => (await load('./logs', 'benchLogs'))([]),
};

async function main(argv: string[]): Promise<number> {
  const name = argv[0];
  const run = name === undefined ? undefined : BENCHES[name];
  if (!run) {
    console.error(
      `bench: ${name === undefined ? 'no benchmark named' : `unknown benchmark "${name}"`} (known: ${Object.keys(BENCHES).join(', ')})`,
    );
    return 2;
  }
  const result = await run(argv.slice(1));
  console.log(JSON.stringify(result));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
