// `sim serve` (what `npm start` runs): builds the board if its build is missing or older than its
// sources, starts the exercise server on a loopback port with the demo region and a ready demo
// exercise, and prints the URL and the exercise's three join codes. Ctrl-C stops it cleanly; a
// kill -9 loses nothing that was acknowledged (the next start brings the exercises back, paused).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_DB_FILE } from '../store/open-database.ts';

interface ServeOptions {
  port: number;
  host: string;
  db: string;
  seedsDir: string;
  scenariosDir: string;
  demo: boolean;
  build: boolean;
  json?: boolean;
  redis?: string;
}

function parseRedisUrl(v: string): string {
  let u: URL;
  try { u = new URL(v); } catch { throw new InvalidArgumentError('expected a Redis URL such as redis://127.0.0.1:6379.'); }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new InvalidArgumentError('expected a redis:// or rediss:// URL.');
  return v;
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n > 65_535) throw new InvalidArgumentError('expected a port number 0-65535 (0 = any free port).');
  return n;
}

function parseLoopback(v: string): string {
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(v)) throw new InvalidArgumentError('expected a loopback address (127.0.0.1, ::1 or localhost).');
  return v;
}

/** Newest modification time of the files under `dir` (build output and dependencies left out). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The board's build directory, built first with vite when missing or stale; undefined if there is no board to serve. */
async function ensureClientBuilt(say: (line: string) => void): Promise<string | undefined> {
  const dist = resolve('client', 'dist');
  const index = join(dist, 'index.html');
  if (!existsSync('client')) return undefined;
  const config = ['client/vite.config.ts', 'vite.config.ts', 'client/vite.config.js', 'vite.config.js'].find((f) => existsSync(f));
  if (!config) return existsSync(index) ? dist : undefined;
  const sources = Math.max(newestMtime('client'), statSync(config).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return dist;
  say(`Building the command board (vite, ${config})…`);
  try {
    const { build } = await import('vite');
    await build({ configFile: resolve(config), logLevel: 'warn' });
  } catch (err) {
    say(`The board could not be built (${err instanceof Error ? err.message : String(err)}); serving the API with a plain page.`);
  }
  return existsSync(index) ? dist : undefined;
}

async function serve(opts: ServeOptions): Promise<void> {
  const say = (line: string): void => {
    if (!opts.json) process.stdout.write(`${line}\n`);
  };
  const clientDist = opts.build ? await ensureClientBuilt(say) : resolve('client', 'dist');
  // Loaded here so other commands do not pay for express and socket.io at start-up.
  const { startServer } = await import('../api/start-server.ts');
  const server = await startServer({
    port: opts.port, host: opts.host, dbFile: opts.db, seedsDir: opts.seedsDir, scenariosDir: opts.scenariosDir, demo: opts.demo,
    ...(clientDist ? { clientDist } : {}),
    ...(opts.redis ? { redisUrl: opts.redis } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ event: 'listening', url: server.url, port: server.port, db: opts.db, demo: server.demo ?? null, recovered: server.recovered })}\n`);
  } else {
    say(`\n消防救援调度指挥推演 · exercise server on ${server.url}   (event log: ${opts.db})`);
    if (server.demo) {
      const { exerciseId, codes } = server.demo;
      say(`\nDemo exercise ${exerciseId} (tabletop high-rise fire, manual mode), join codes:`);
      say(`  导调 controller : ${codes.controller}`);
      say(`  指挥 commander  : ${codes.commander}`);
      say(`  观察 observer   : ${codes.observer}`);
    }
    if (server.recovered.length > 0) say(`\nBack from the last run: ${server.recovered.map((r) => `${r.id} (${r.status}, seq ${r.seq})`).join(', ')}`);
    if (!clientDist) say('\nThe board is not built yet: the page at / says so; the API is at /api (see /api/openapi.json).');
    say('\nCtrl-C to stop.');
  }
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(() => {
        say('Stopped; every exercise is stored and comes back paused on the next start.');
        done();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('the exercise server: web command board, REST API and live socket updates (default http://127.0.0.1:8119)')
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, 8119)
    .option('--host <address>', 'loopback address to listen on', parseLoopback, '127.0.0.1')
    .option('--db <file>', 'SQLite file of exercises and event logs', DEFAULT_DB_FILE)
    .option('--seeds-dir <dir>', 'directory of the world data', 'seeds')
    .option('--scenarios-dir <dir>', 'directory of scenario files', 'scenarios')
    .option('--no-demo', 'do not create the demo exercise')
    .option('--no-build', 'do not build the board, serve client/dist as it is')
    .option('--json', 'print one JSON line with the URL and codes instead of the text (for scripts and tests)')
    .option('--redis <url>', 'broadcast through the socket.io Redis Streams adapter (scale-out, docs/scale-out.md), e.g. redis://127.0.0.1:6379', parseRedisUrl)
    .action((opts: ServeOptions) => serve(opts));
}
