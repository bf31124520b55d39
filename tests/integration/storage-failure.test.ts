// Storage failing under a running drill, for real, with `sim serve` as a child process:
// - the disk fills up: the server runs in its own mount namespace (unshare, no root needed) with its
//   database on a small tmpfs, which the test fills with a ballast file (through /proc/<pid>/root);
// - the database is busy: another program (the test, a second SQLite connection) holds the write
//   lock with BEGIN EXCLUSIVE;
// - the database's file system turns read-only under the running drill: the server's mount namespace
//   (unshare, as root) has an ext4 image on a loop device mounted with errors=remount-ro, and the
//   test makes ext4 record an error (/sys/fs/ext4/<loop>/trigger_fs_error), as a failing disk does:
//   the kernel remounts it read-only and refuses writes with EROFS. It cannot be made writable again
//   while a file on it is open, so the server lets go of the database; the test unmounts the disk
//   (which only works once the server has let go), checks it with e2fsck and mounts it again; once
//   more with the disk coming back from a copy made a moment before, without the last acknowledged
//   writes (as ext4 can lose writes it reported durable when it aborts its journal: seen here);
// - the database is read-only at start: the server is started on a read-only bind mount of a drill's folder.
// In the first three every participant is told why the exercise paused, commands are refused with the
// reason (nothing acknowledged that is not stored), a participant can still join (while the
// database is closed, the join is refused with the reason instead), the server keeps
// answering, and when storage is back the exercise goes on by itself. The stored log then holds
// every acknowledged command, no refused one, has no gap, and replays to the state the server
// reports. A read-only database is refused at start with its name and the reason, and changes nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { parseDataText } from '../../server/files/read-data-file.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import { exerciseEngineConfig, rebuildFromLog } from '../../server/api/exercise-engine.ts';
import { createExerciseStore } from '../../server/store/exercise-store.ts';
import { serveChild, type ServeChild } from '../fixtures/serve-child.ts';
import { api, ask, connectError, connected, createExercise, liveClient, tmpDir, until, uploadBusyDay, type Recorder } from './server-kit.ts';

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

/**
 * An ext4 file system in an image file, mounted (loop device, errors=remount-ro) at `mnt` in the
 * server's own mount namespace. Needs root, a loop device, util-linux (unshare, nsenter, mount) and
 * e2fsprogs (mkfs.ext4, e2fsck): .ci/run installs the last when missing.
 */
function ext4Image(dir: string): { img: string; mnt: string; wrap: (argv: string[]) => string[] } {
  const img = join(dir, 'disk.img');
  const mnt = join(dir, 'mnt');
  mkdirSync(mnt);
  closeSync(openSync(img, 'w'));
  execFileSync('truncate', ['-s', '64M', img]);
  execFileSync('mkfs.ext4', ['-q', '-F', img]);
  return { img, mnt, wrap: (argv) => ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', 'mount -o loop,errors=remount-ro "$0" "$1" && shift && exec "$@"', img, mnt, ...argv] };
}

/** The loop device (e.g. loop3) mounted at `mnt` in process `pid`'s mount namespace. */
function loopDeviceAt(pid: number, mnt: string): string {
  for (const line of readFileSync(`/proc/${pid}/mountinfo`, 'utf8').split('\n')) {
    const [mine, theirs] = line.split(' - ');
    if (mine?.split(' ')[4] !== mnt) continue;
    const source = theirs?.split(' ')[1] ?? '';
    if (/^\/dev\/loop\d+$/.test(source)) return source.slice('/dev/'.length);
  }
  throw new Error(`no loop device mounted at ${mnt} for process ${pid}`);
}

/** Runs `argv` in process `pid`'s mount namespace; its exit status and what it said. */
const inMountsOf = (pid: number, argv: string[]) => spawnSync('nsenter', ['-t', String(pid), '-m', ...argv], { encoding: 'utf8' });

/** SHA-256 of every file in `dir`, by name. */
const filesOf = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

interface Outcomes { acked: { commandId: string; seqFrom: number }[]; refused: string[]; retriedId: string }

/**
 * The server's file as a crash would leave it (process frozen, its files copied, then killed) holds a
 * log with no gap, every acknowledged command once, at the seq it was acknowledged with, no refused
 * one, and it replays to the state the server reported last (`final`).
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
    for (const id of new Set([...o.acked.map((a) => a.commandId), o.retriedId])) expect(storedIds.filter((x) => x === id), `${id} stored once`).toHaveLength(1);
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
 * `mend`, and that the stored log lost nothing. With `letGo` the server has closed the database (its
 * file system is read-only): what needs the database (REST, a join) is refused with the reason instead.
 */
async function drillThroughStorageFailure(server: ServeChild, dbFile: () => string, fail: () => void, mend: () => void | Promise<void>, reason: RegExp, opts: { inFlight?: number; letGo?: boolean; beforeFail?: (ctl: Recorder) => Promise<void> } = {}): Promise<void> {
  const { inFlight = 0, letGo = false } = opts;
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
  const unsure: string[] = [];
  for (let i = 0; i < 4; i++) {
    const r = await ask(cmd.client, 'command', call(i));
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    if (r.ok) acked.push({ commandId: call(i).commandId, seqFrom: r.value.seqFrom });
  }

  await opts.beforeFail?.(ctl);

  // Storage fails while the exercise runs (with `inFlight` commands sent and not yet answered): the
  // next write fails for real. Each of those commands is acknowledged (and stored) or refused (and not).
  const sent = Array.from({ length: inFlight }, (_, i) => ({ c: call(100 + i), r: ask(cmd.client, 'command', call(100 + i)) }));
  if (sent[0]) await sent[0].r; // the rest are on their way or being applied when storage fails
  fail();
  for (const { c, r } of sent) {
    const answer = await r;
    if (answer.ok) acked.push({ commandId: c.commandId, seqFrom: answer.value.seqFrom });
    else {
      expect(answer.error).toMatchObject({ code: 'storage' });
      // The command whose write failed may have reached the disk anyway (its fsync failed, not its
      // write): sent again with the same id below, it must end up stored once. The others were refused unwritten.
      if (/is paused: its event log cannot be written/.test(answer.error.message)) refused.push(c.commandId);
      else unsure.push(c.commandId);
    }
  }
  const notice = await until(() => obs.got.find(([e, n]) => e === 'notice' && n.level === 'error')?.[1], 20_000, 'the storage notice');
  expect(notice.message).toMatch(/the event log could not be written \(.*\); the exercise is paused until storage is back/);
  expect(notice.message).toMatch(reason);
  for (const c of [ctl, cmd]) await until(() => c.got.some(([e, n]) => e === 'notice' && n.level === 'error'), 5000, 'the notice on every client');
  await until(() => obs.got.findLast(([e]) => e === 'clock')?.[1].status === 'paused', 5000, `a paused clock (${server.stderr()})`);
  const paused = await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer });
  if (letGo) expect(paused).toMatchObject({ status: 503, body: { error: { code: 'storage', message: expect.stringMatching(/the database drill\.db is closed while its file system is read-only .*; it is reopened once it can be written/) } } });
  else expect(paused.body.status).toBe('paused');

  // Commands are refused and say why; the controller cannot resume over it; reading still works.
  for (let i = 4; i < 7; i++) {
    const r = await ask(cmd.client, 'command', call(i));
    expect(r).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/event log cannot be written; it resumes when storage is back/) } });
    refused.push(call(i).commandId);
  }
  expect(await ask(ctl.client, 'control', { action: 'resume' })).toMatchObject({ ok: false, error: { code: 'storage' } });
  const late = liveClient(server.url, { code: ex.codes.observer }); // a participant joining while storage is down
  clients.push(late);
  if (letGo) {
    expect(await connectError(late)).toMatchObject({ data: { code: 'storage', message: expect.stringMatching(/file system is read-only/) } });
  } else {
    await connected(late);
    await until(() => late.got.find(([e]) => e === 'snapshot'), 5000, 'the late joiner\'s snapshot');
  }
  const seqWhileDown = letGo ? undefined : (await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body.seq;
  const clocksBefore = obs.got.filter(([e]) => e === 'clock').length;
  await new Promise((r) => setTimeout(r, 3500)); // heartbeats retry and fail: still paused, nothing new stored…
  if (!letGo) expect((await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body).toMatchObject({ status: 'paused', seq: seqWhileDown });
  expect(obs.got.findLast(([e]) => e === 'clock')?.[1].status).toBe('paused');
  // …and the retries do not stall the server: the heartbeat's clock (1 s apart) keeps coming. (A
  // retry that waited for the lock, as SQLite's 5 s busy timeout did, would let one through at most.)
  expect(obs.got.filter(([e]) => e === 'clock').length - clocksBefore).toBeGreaterThanOrEqual(2);

  // Storage is back: the exercise goes on by itself, as it was (running), and takes commands again.
  await mend();
  const back = await until(() => obs.got.find(([e, n]) => e === 'notice' && n.level === 'info')?.[1], 10_000, 'the storage-back notice').catch((e: Error) => { throw new Error(`${e.message}; the server said:\n${server.stderr()}`); });
  expect(back.message).toMatch(/can be written again/);
  await until(() => obs.got.findLast(([e]) => e === 'clock')?.[1].status === 'running', 5000, 'a running clock');
  const after = await ask(cmd.client, 'command', call(7));
  expect(after, JSON.stringify(after)).toMatchObject({ ok: true });
  if (after.ok) acked.push({ commandId: call(7).commandId, seqFrom: after.value.seqFrom });
  // A retried refused command is applied now (it was never stored, so never answered as done).
  const retried = await ask(cmd.client, 'command', call(4));
  expect(retried).toMatchObject({ ok: true });
  if (retried.ok) { acked.push({ commandId: call(4).commandId, seqFrom: retried.value.seqFrom }); refused.splice(refused.indexOf(call(4).commandId), 1); }
  for (const id of unsure) {
    const again = await ask(cmd.client, 'command', call(100 + sent.findIndex((x) => x.c.commandId === id)));
    expect(again, JSON.stringify(again)).toMatchObject({ ok: true });
    if (again.ok) acked.push({ commandId: id, seqFrom: again.value.seqFrom });
  }
  expect((await api(server.url, `/api/exercises/${ex.id}/control`, { body: { action: 'pause' }, code: ex.codes.controller })).status).toBe(200);
  const final = (await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body;

  const stderr = server.stderr();
  await expectLogIntact(server, dbFile(), ex.id, final, { acked, refused, retriedId: call(4).commandId });
  expect(stderr).toMatch(/storing events failed \(.*\); rebuilding from the stored log, paused/);
  expect(stderr).toMatch(/storage is back/);
}

/**
 * The drill on an ext4 image whose file system turns read-only as a disk error makes it (see
 * ext4Image), then is unmounted (once the server lets go), checked with e2fsck and mounted again.
 * With `olderCopy` the image comes back as it was copied a moment before the failure (the exercise
 * paused meanwhile, so the copy is what a crash would leave), without the acknowledged writes after it.
 */
async function drillOnFailingExt4(opts: { olderCopy?: boolean } = {}): Promise<ServeChild> {
  const dir = tmpDir();
  const disk = ext4Image(dir);
  const server = await serveChild(join(disk.mnt, 'drill.db'), { wrap: disk.wrap });
  running.push(server);
  const pid = server.child.pid!;
  const loop = loopDeviceAt(pid, disk.mnt);
  const copy = join(dir, 'older.img');
  await drillThroughStorageFailure(server, () => join(`/proc/${pid}/root${disk.mnt}`, 'drill.db'),
    // What ext4 does on a disk error with errors=remount-ro: the journal is aborted and every write is refused (EROFS).
    () => writeFileSync(`/sys/fs/ext4/${loop}/trigger_fs_error`, '1'),
    async () => {
      // Such a file system cannot be made writable while a file on it is open: it unmounts only once the server has let go.
      const off = await until(() => { const r = inMountsOf(pid, ['umount', disk.mnt]); return r.status === 0 ? r : undefined; }, 10_000, 'the server letting go of the database so the disk unmounts');
      expect(off.status).toBe(0);
      if (opts.olderCopy) copyFileSync(copy, disk.img);
      const fsck = spawnSync('e2fsck', ['-fy', disk.img], { encoding: 'utf8' });
      expect(fsck.status, fsck.stdout + fsck.stderr).toBeLessThanOrEqual(1); // 0: clean, 1: errors corrected
      const on = inMountsOf(pid, ['mount', '-o', 'loop,errors=remount-ro', disk.img, disk.mnt]);
      expect(on.status, on.stderr).toBe(0);
    },
    /the file system holding the database is read-only \(EROFS; /,
    {
      inFlight: 5, letGo: true,
      ...(opts.olderCopy ? {
        beforeFail: async (ctl: Recorder) => {
          expect(await ask(ctl.client, 'control', { action: 'pause' })).toMatchObject({ ok: true });
          copyFileSync(disk.img, copy);
          expect(await ask(ctl.client, 'control', { action: 'resume' })).toMatchObject({ ok: true });
          await new Promise((r) => setTimeout(r, 1500)); // driver ticks and the heartbeat store more after the copy
        },
      } : {}),
    });
  return server;
}

describe('storage failure in the middle of a drill', () => {
  it('a full disk pauses the exercise with the reason to everyone, refuses commands without losing any acknowledged one, and resumes when space is freed', async () => {
    const dir = tmpDir();
    const server = await serveChild(join(dir, 'drill.db'), { wrap: onSmallDisk(dir, '24m') });
    running.push(server);
    const inside = `/proc/${server.child.pid}/root${dir}`; // the server's view of its tmpfs
    const ballast = join(inside, 'ballast');
    await drillThroughStorageFailure(server, () => join(inside, 'drill.db'),
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
      await drillThroughStorageFailure(server, () => dbFile,
        () => other.exec('BEGIN EXCLUSIVE'),
        () => { other.exec('ROLLBACK'); },
        /the database is locked by another program \(SQLITE_BUSY/);
    } finally {
      other.close();
    }
  }, 180_000);

  it('the database\'s file system turning read-only under a running drill (ext4 errors=remount-ro after a disk error) pauses it with the reason to everyone, loses no acknowledged command, lets go of the file so the disk can be mounted again, and resumes when it is', async () => {
    const server = await drillOnFailingExt4();
    expect(server.stderr()).toMatch(/the database file is closed so the disk can be checked and mounted again/);
  }, 180_000);

  it('a disk that comes back from an older copy (the last acknowledged writes missing): the server writes them again from memory, and the log is whole', async () => {
    const server = await drillOnFailingExt4({ olderCopy: true });
    expect(server.stderr()).toMatch(/the database came back without seq \d+–\d+, which were stored before its file system failed; written again from memory/);
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
