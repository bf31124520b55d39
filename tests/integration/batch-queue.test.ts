// The batch across machines, for real: a local redis-server (the Debian package, on a free port,
// no persistence), two `sim worker` processes and `sim batch --queue` in child processes. The gathered
// aggregate is the in-process batch's for the same seeds, and a worker killed (SIGKILL) while running
// a replication loses nothing: its job's lock runs out and the other worker runs it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type LocalRedis } from '../fixtures/redis-server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');


let redis: LocalRedis;
let url: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  url = redis.url;
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((ok) => (c.exitCode !== null || c.signalCode !== null ? ok(null) : c.once('exit', ok)))));
  await redis.stop();
});

/** A `sim worker` child with its output lines. */
function worker(): { proc: ChildProcess; lines: string[]; waitFor(re: RegExp): Promise<string> } {
  // node with tsx's loader in this very process (the tsx command would put a second process between:
  // a SIGKILL to it would leave the worker running).
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'worker', '--queue', url, '--threads', '1', '--lock-seconds', '4'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  const lines: string[] = [];
  const waiters: { re: RegExp; ok: (l: string) => void }[] = [];
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) if (w.re.test(line)) { waiters.splice(waiters.indexOf(w), 1); w.ok(line); }
    }
  });
  return {
    proc,
    lines,
    waitFor: (re) => {
      const seen = lines.find((l) => re.test(l));
      return seen ? Promise.resolve(seen) : new Promise((ok) => waiters.push({ re, ok }));
    },
  };
}

function sim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, ['server/cli/main.ts', ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('sim batch --queue with sim worker', () => {
  it('gathers the in-process aggregate; a worker killed mid-replication loses no replication', async () => {
    const a = worker();
    const b = worker();
    await Promise.all([a.waitFor(/worker ready/), b.waitFor(/worker ready/)]);
    const args = ['batch', 'scenarios/normal-day.yaml', '--runs', '5', '--seed-base', '11', '--json', '--no-coverage'];
    const queued = sim(...args, '--queue', url);
    // Kill worker A as soon as it starts a replication (its world is still loading or running).
    const started = await a.waitFor(/^job (\S+) seed \d+ started/);
    a.proc.kill('SIGKILL');
    const lost = /^job (\S+)/.exec(started)![1]!;
    const [q, local] = await Promise.all([queued, sim(...args, '--workers', '0')]);
    expect(q.stderr).toBe('');
    expect(q.code).toBe(0);
    const fromQueue = JSON.parse(q.stdout);
    const inProcess = JSON.parse(local.stdout);
    expect(fromQueue.baseline.seeds).toEqual([11, 12, 13, 14, 15]);
    expect(fromQueue.baseline).toEqual(inProcess.baseline);
    // The killed worker's job was run to the end by the other one.
    const seed = / seed (\d+) started$/.exec(started)![1];
    expect(b.lines, `worker A: ${a.lines.join(' | ')}; worker B: ${b.lines.join(' | ')}`).toContain(`job ${lost} seed ${seed} done`);
  }, 900_000);

  it('a --queue that is not a redis URL is refused in one line', async () => {
    const r = await sim('batch', 'scenarios/normal-day.yaml', '--runs', '1', '--queue', 'http://example', '--no-coverage');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--queue: "http:\/\/example" is not a redis:\/\/ URL/);
  }, 300_000);
});
