// Storage failing under a running drill, for real, with `sim serve` as a child process:
// - the disk fills up: the server runs in its own mount namespace (unshare, no root needed) with its
//   database on a small tmpfs, which the test fills with a ballast file (through /proc/<pid>/root);
// - the database is busy: another program (the test, a second SQLite connection) holds the write
//   lock with BEGIN EXCLUSIVE;
// - the database is read-only: the server is started on a read-only bind mount of a drill's folder.
// In the first two every participant is told why the exercise paused, commands are refused with the
// reason (nothing acknowledged that is not stored), a participant can still join, the server keeps
// answering, and when storage is back the exercise goes on by itself. The stored log then holds
// every acknowledged command, no refused one, has no gap, and replays to the state the server
// reports. A read-only database is refused at start with its name and the reason, and changes nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { parseDataText } from '../../server/files/read-data-file.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import { exerciseEngineConfig, rebuildFromLog } from '../../server/api/exercise-engine.ts';
import { createExerciseStore } from '../../server/store/exercise-store.ts';
import { serveChild, type ServeChild } from '../fixtures/serve-child.ts';
import { api, ask, connected, createExercise, liveClient, tmpDir, until, uploadBusyDay, type Recorder } from './server-kit.ts';

const running: ServeChild[] = [];
const clients: Recorder[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of running) await s.kill9();
});

/** Runs the server with `dir` mounted as a tmpfs of `size` in a mount namespace of its own. */
const onSmallDisk = (dir: string, size: string) => (argv: string[]): string[] => [
  'unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', `mount -t tmpfs -o size=${size} tmpfs "$0" && exec "$@"`, dir, ...argv,
];

/** Writes zeros to `file` until the filesystem is full; returns the bytes written. */
function fillUp(file: string): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  try {
    for (;;) {
      try {
        written += writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOSPC') return written;
        throw err;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** Runs the server with `dir` bind-mounted read-only onto itself in a mount namespace of its own. */
const onReadOnlyMount = (dir: string) => (argv: string[]): string[] => [
  'unshare', '--user', '--map-root-user', '--mount', 'sh', '-c', 'mount --bind -o ro "$0" "$0" && exec "$@"', dir, ...argv,
];

/** SHA-256 of every file in `dir`, by name. */
const filesOf = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

interface Outcomes { acked: { commandId: string; seqFrom: number }[]; refused: string[]; retriedId: string }

/**
 * The server's file as a crash would leave it (process frozen, its files copied, then killed) holds a
 * log with no gap, every acknowledged command at the seq it was acknowledged with, no refused one,
 * the retried one once, and it replays to the state the server reported last (`final`).
 */
async function expectLogIntact(server: ServeChild, dbFile: string, exerciseId: string, final: { seq: number; simTime: number; checkpoint: unknown }, o: Outcomes): Promise<void> {
  server.child.kill('SIGSTOP');
  const copy = join(tmpDir(), 'after.db');
  copyFileSync(dbFile, copy);
  if (existsSync(`${dbFile}-wal`)) copyFileSync(`${dbFile}-wal`, `${copy}-wal`);
  await server.kill9();
  const db = new Database(copy);
  try {
    const store = createExerciseStore(db);
    const log = store.events.read(exerciseId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.at(-1)!.seq).toBe(final.seq);
    for (const a of o.acked) expect(log[a.seqFrom - 1]).toMatchObject({ type: 'COMMAND_ACCEPTED', command: { commandId: a.commandId } });
    const storedIds = log.flatMap((e) => (e.type === 'COMMAND_ACCEPTED' && e.command.commandId ? [e.command.commandId] : []));
    for (const id of o.refused) expect(storedIds).not.toContain(id);
    expect(storedIds.filter((id) => id === o.retriedId)).toHaveLength(1);
    const record = store.get(exerciseId)!;
    const config = exerciseEngineConfig(loadWorld({ regionId: record.regionId }), parseDataText(record.scenarioSource, 'busy-day.yaml', ScenarioSchema).data, record.seed, 'manual');
    const { engine, extra } = rebuildFromLog(config, log, final.simTime);
    expect(extra).toEqual([]);
    expect(final.checkpoint).toEqual({ seq: final.seq, simTime: final.simTime, digest: engine.digest() });
  } finally {
    db.close();
  }
}

const call = (i: number) => ({ type: 'RECEIVE_CALL', commandId: `storage-test-${i}`, location: [24.6225 + i * 0.001, 110.54195], incidentType: 'building-fire', description: `call ${i}` });

/**
 * A drill at 120× with commands coming in; `fail` makes storage fail for real, `mend` brings it back.
 * Checks what participants see in between (notice with `reason`, paused clock, refusals that say
 * why, a late joiner served, the clock still coming), that the exercise goes on by itself after
 * `mend`, and that the stored log lost nothing.
 */
async function drillThroughStorageFailure(server: ServeChild, dbFile: string, fail: () => void, mend: () => void, reason: RegExp): Promise<void> {
  await uploadBusyDay(server.url);
  const ex = await createExercise(server.url, { scenario: 'busy-day', speed: 120, mode: 'manual' });
  const ctl = liveClient(server.url, { code: ex.codes.controller });
  const cmd = liveClient(server.url, { code: ex.codes.commander });
  const obs = liveClient(server.url, { code: ex.codes.observer });
  clients.push(ctl, cmd, obs);
  await Promise.all([connected(ctl), connected(cmd), connected(obs)]);
  expect(await ask(ctl.client, 'control', { action: 'start' })).toMatchObject({ ok: true });

  const acked: { commandId: string; seqFrom: number }[] = [];
  const refused: string[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await ask(cmd.client, 'command', call(i));
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    if (r.ok) acked.push({ commandId: call(i).commandId, seqFrom: r.value.seqFrom });
  }

  // Storage fails while the exercise runs: the next write fails for real.
  fail();
  const notice = await until(() => obs.got.find(([e, n]) => e === 'notice' && n.level === 'error')?.[1], 20_000, 'the storage notice');
  expect(notice.message).toMatch(/the event log could not be written \(.*\); the exercise is paused until storage is back/);
  expect(notice.message).toMatch(reason);
  for (const c of [ctl, cmd]) await until(() => c.got.some(([e, n]) => e === 'notice' && n.level === 'error'), 5000, 'the notice on every client');
  await until(() => obs.got.findLast(([e]) => e === 'clock')?.[1].status === 'paused', 5000, `a paused clock (${server.stderr()})`);
  const paused = (await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body;
  expect(paused.status).toBe('paused');

  // Commands are refused and say why; the controller cannot resume over it; reading still works.
  for (let i = 4; i < 7; i++) {
    const r = await ask(cmd.client, 'command', call(i));
    expect(r).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/event log cannot be written; it resumes when storage is back/) } });
    refused.push(call(i).commandId);
  }
  expect(await ask(ctl.client, 'control', { action: 'resume' })).toMatchObject({ ok: false, error: { code: 'storage' } });
  const late = liveClient(server.url, { code: ex.codes.observer }); // a participant joining while storage is down
  clients.push(late);
  await connected(late);
  await until(() => late.got.find(([e]) => e === 'snapshot'), 5000, 'the late joiner\'s snapshot');
  const seqWhileDown = (await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body.seq;
  const clocksBefore = obs.got.filter(([e]) => e === 'clock').length;
  await new Promise((r) => setTimeout(r, 3500)); // heartbeats retry and fail: still paused, nothing new stored…
  expect((await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body).toMatchObject({ status: 'paused', seq: seqWhileDown });
  // …and the retries do not stall the server: the heartbeat's clock (1 s apart) keeps coming. (A
  // retry that waited for the lock, as SQLite's 5 s busy timeout did, would let one through at most.)
  expect(obs.got.filter(([e]) => e === 'clock').length - clocksBefore).toBeGreaterThanOrEqual(2);

  // Storage is back: the exercise goes on by itself, as it was (running), and takes commands again.
  mend();
  const back = await until(() => obs.got.find(([e, n]) => e === 'notice' && n.level === 'info')?.[1], 10_000, 'the storage-back notice');
  expect(back.message).toMatch(/can be written again/);
  await until(() => obs.got.findLast(([e]) => e === 'clock')?.[1].status === 'running', 5000, 'a running clock');
  const after = await ask(cmd.client, 'command', call(7));
  expect(after, JSON.stringify(after)).toMatchObject({ ok: true });
  if (after.ok) acked.push({ commandId: call(7).commandId, seqFrom: after.value.seqFrom });
  // A retried refused command is applied now (it was never stored, so never answered as done).
  const retried = await ask(cmd.client, 'command', call(4));
  expect(retried).toMatchObject({ ok: true });
  if (retried.ok) { acked.push({ commandId: call(4).commandId, seqFrom: retried.value.seqFrom }); refused.splice(refused.indexOf(call(4).commandId), 1); }
  expect((await api(server.url, `/api/exercises/${ex.id}/control`, { body: { action: 'pause' }, code: ex.codes.controller })).status).toBe(200);
  const final = (await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body;

  const stderr = server.stderr();
  await expectLogIntact(server, dbFile, ex.id, final, { acked, refused, retriedId: call(4).commandId });
  expect(stderr).toMatch(/storing events failed \(.*\); rebuilding from the stored log, paused/);
  expect(stderr).toMatch(/storage is back/);
}

describe('storage failure in the middle of a drill', () => {
  it('a full disk pauses the exercise with the reason to everyone, refuses commands without losing any acknowledged one, and resumes when space is freed', async () => {
    const dir = tmpDir();
    const server = await serveChild(join(dir, 'drill.db'), { wrap: onSmallDisk(dir, '24m') });
    running.push(server);
    const inside = `/proc/${server.child.pid}/root${dir}`; // the server's view of its tmpfs
    const ballast = join(inside, 'ballast');
    await drillThroughStorageFailure(server, join(inside, 'drill.db'),
      () => expect(fillUp(ballast)).toBeGreaterThan(1_000_000),
      () => rmSync(ballast),
      /the disk is full \(SQLITE_FULL/);
  }, 180_000);

  it('another program holding the write lock pauses the exercise after a short wait (not SQLite\'s 5 s per write), loses nothing, and resumes when the lock is released', async () => {
    const dbFile = join(tmpDir(), 'drill.db');
    const server = await serveChild(dbFile);
    running.push(server);
    const other = new Database(dbFile); // another program on the same file
    try {
      await drillThroughStorageFailure(server, dbFile,
        () => other.exec('BEGIN EXCLUSIVE'),
        () => other.exec('ROLLBACK'),
        /the database is locked by another program \(SQLITE_BUSY/);
    } finally {
      other.close();
    }
  }, 180_000);

  it('a database on a read-only file system is refused at start with its name and the reason, and is left as it was; the drill in it comes back once it is writable', async () => {
    // A drill with acknowledged commands, its server killed mid-run (its -wal file left behind).
    const dir = tmpDir();
    const dbFile = join(dir, 'drill.db');
    const first = await serveChild(dbFile);
    running.push(first);
    await uploadBusyDay(first.url);
    const ex = await createExercise(first.url, { scenario: 'busy-day', speed: 120, mode: 'manual' });
    const cmd = liveClient(first.url, { code: ex.codes.commander });
    clients.push(cmd);
    await connected(cmd);
    expect((await api(first.url, `/api/exercises/${ex.id}/control`, { body: { action: 'start' }, code: ex.codes.controller })).status).toBe(200);
    const acked: { commandId: string; seqFrom: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await ask(cmd.client, 'command', call(i));
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
      if (r.ok) acked.push({ commandId: call(i).commandId, seqFrom: r.value.seqFrom });
    }
    cmd.close();
    await first.kill9();
    const before = filesOf(dir);
    expect(Object.keys(before)).toContain('drill.db-wal');

    const refusal = serveChild(dbFile, { wrap: onReadOnlyMount(dir) });
    await expect(refusal).rejects.toThrow(/serve exited with 2: error: cannot open the database \S*drill\.db for writing: \S+ is on a read-only file system \(EROFS\); the event log must be writable/);
    await expect(refusal).rejects.not.toThrow(/\n\s+at /); // a message, not a stack trace
    expect(filesOf(dir)).toEqual(before);

    const again = await serveChild(dbFile);
    running.push(again);
    expect(again.recovered).toContainEqual(expect.objectContaining({ id: ex.id, status: 'paused' }));
    const log = (await api(again.url, `/api/exercises/${ex.id}/events`, { code: ex.codes.controller })).body;
    for (const a of acked) expect(log.events[a.seqFrom - 1]).toMatchObject({ type: 'COMMAND_ACCEPTED', command: { commandId: a.commandId } });
  }, 180_000);
});
