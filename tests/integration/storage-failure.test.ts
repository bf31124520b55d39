// The disk fills up in the middle of a drill, for real: `sim serve` runs in its own mount namespace
// (unshare, no root needed) with its database on a small tmpfs; the test fills that filesystem with
// a ballast file (reached through /proc/<pid>/root) while an exercise runs at 120× with commands
// coming in. Every participant is told why the exercise paused, commands are refused with the
// reason (nothing acknowledged that is not stored), a participant can still join, and when the
// ballast is deleted the exercise goes on by itself. The stored log then holds every acknowledged
// command, no refused one, has no gap, and replays to the state the server reports.
import { afterAll, describe, expect, it } from 'vitest';
import { closeSync, copyFileSync, existsSync, openSync, rmSync, writeSync } from 'node:fs';
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

const call = (i: number) => ({ type: 'RECEIVE_CALL', commandId: `storage-test-${i}`, location: [24.6225 + i * 0.001, 110.54195], incidentType: 'building-fire', description: `call ${i}` });

describe('storage failure in the middle of a drill', () => {
  it('a full disk pauses the exercise with the reason to everyone, refuses commands without losing any acknowledged one, and resumes when space is freed', async () => {
    const dir = tmpDir();
    const server = await serveChild(join(dir, 'drill.db'), { wrap: onSmallDisk(dir, '24m') });
    running.push(server);
    const inside = `/proc/${server.child.pid}/root${dir}`; // the server's view of its tmpfs
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

    // The disk fills up while the exercise runs: the next write fails for real.
    const ballast = join(inside, 'ballast');
    expect(fillUp(ballast)).toBeGreaterThan(1_000_000);
    const notice = await until(() => obs.got.find(([e, n]) => e === 'notice' && n.level === 'error')?.[1], 20_000, 'the storage notice');
    expect(notice.message).toMatch(/the event log could not be written \(.*(full|disk).*\); the exercise is paused until storage is back/i);
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
    const late = liveClient(server.url, { code: ex.codes.observer }); // a participant joining while the disk is full
    clients.push(late);
    await connected(late);
    await until(() => late.got.find(([e]) => e === 'snapshot'), 5000, 'the late joiner\'s snapshot');
    const seqWhileDown = (await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body.seq;
    await new Promise((r) => setTimeout(r, 1500)); // heartbeats retry and fail: still paused, nothing new stored
    expect((await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body).toMatchObject({ status: 'paused', seq: seqWhileDown });

    // Space is freed: the exercise goes on by itself, as it was (running), and takes commands again.
    rmSync(ballast);
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

    // The server's file as a crash would leave it (process frozen, its files copied, then killed)…
    server.child.kill('SIGSTOP');
    const copy = join(tmpDir(), 'after.db');
    copyFileSync(join(inside, 'drill.db'), copy);
    if (existsSync(join(inside, 'drill.db-wal'))) copyFileSync(join(inside, 'drill.db-wal'), `${copy}-wal`);
    const stderr = server.stderr();
    await server.kill9();
    // …holds a log with no gap, every acknowledged command at the seq it was acknowledged with, no
    // refused one, and it replays to the state the server reported.
    const db = new Database(copy);
    try {
      const store = createExerciseStore(db);
      const log = store.events.read(ex.id);
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      expect(log.at(-1)!.seq).toBe(final.seq);
      for (const a of acked) expect(log[a.seqFrom - 1]).toMatchObject({ type: 'COMMAND_ACCEPTED', command: { commandId: a.commandId } });
      const storedIds = log.flatMap((e) => (e.type === 'COMMAND_ACCEPTED' && e.command.commandId ? [e.command.commandId] : []));
      for (const id of refused) expect(storedIds).not.toContain(id);
      expect(storedIds.filter((id) => id === call(4).commandId)).toHaveLength(1);
      const record = store.get(ex.id)!;
      const config = exerciseEngineConfig(loadWorld({ regionId: record.regionId }), parseDataText(record.scenarioSource, 'busy-day.yaml', ScenarioSchema).data, record.seed, 'manual');
      const { engine, extra } = rebuildFromLog(config, log, final.simTime);
      expect(extra).toEqual([]);
      expect(final.checkpoint).toEqual({ seq: final.seq, simTime: final.simTime, digest: engine.digest() });
    } finally {
      db.close();
    }
    expect(stderr).toMatch(/storing events failed \(.*\); rebuilding from the stored log, paused/);
    expect(stderr).toMatch(/storage is back/);
  }, 180_000);
});
