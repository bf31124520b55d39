/* eslint-disable @typescript-eslint/no-explicit-any -- replies are checked by assertions, not types */
// Crash recovery with a real child process: `sim serve` runs an exercise at high speed while a
// commander sends commands (each acknowledged); the server is killed with SIGKILL; on restart the
// exercise is back, paused, with every acknowledged command in its log, and replaying the stored log
// gives the state digest the server reported before the crash.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../../server/store/open-database.ts';
import { createExerciseStore } from '../../server/store/exercise-store.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { parseDataText } from '../../server/files/read-data-file.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import { exerciseEngineConfig, rebuildFromLog, stateAfterCommand, stateDigest } from '../../server/api/exercise-engine.ts';
import { api, ask, connected, createExercise, liveClient, tmpDir, uploadBusyDay, type Recorder } from './server-kit.ts';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts `sim serve` on an ephemeral port and resolves with the JSON line it prints. */
function serve(db: string): Promise<{ child: ChildProcess; url: string; recovered: { id: string; status: string; seq: number }[] }> {
  // node itself with the tsx loader (not the tsx wrapper): the pid killed below is the server's own.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'serve', '--port', '0', '--db', db, '--json', '--no-build', '--no-demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${err}`)), 40_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      const j = JSON.parse(line);
      ok({ child, url: j.url, recovered: j.recovered });
    });
    child.once('exit', (c) => fail(new Error(`serve exited with ${c}: ${err}`)));
  });
}

describe('crash recovery', () => {
  it('kill -9 while running: back paused where its clock was last stored (not before its last event), no acknowledged command lost, same state digest', async () => {
    const db = join(tmpDir(), 'crash.db');
    const first = await serve(db);
    await uploadBusyDay(first.url);
    const ex = await createExercise(first.url, { scenario: 'busy-day', speed: 120, mode: 'manual' });
    const clients: Recorder[] = [];
    const acked: { seqFrom: number; seqTo: number; incidentId?: string; command: any }[] = [];
    let checkpoint: { seq: number; simTime: number; digest: string };
    let seenSimTime = 0;
    try {
      const ctl = liveClient(first.url, { code: ex.codes.controller });
      const cmd = liveClient(first.url, { code: ex.codes.commander });
      clients.push(ctl, cmd);
      await Promise.all([connected(ctl), connected(cmd)]);
      expect(await ask(ctl.client, 'control', { action: 'start' })).toMatchObject({ ok: true });
      for (let i = 0; i < 12; i++) {
        const command = i % 3 === 2 && acked.length > 0
          ? { type: 'TRIAGE_CALL', incidentId: acked.at(-1)!.incidentId, incidentType: 'building-fire' }
          : { type: 'RECEIVE_CALL', location: [24.6225 + i * 0.001, 110.54195], incidentType: 'building-fire', description: `call ${i}` };
        const r = await ask(cmd.client, 'command', command);
        expect(r.ok, JSON.stringify(r)).toBe(true);
        if (r.ok) acked.push({ ...r.value, command });
        await new Promise((res) => setTimeout(res, 60));
      }
      const seen = (await api(first.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body;
      expect(seen.status).toBe('running');
      checkpoint = seen.checkpoint;
      seenSimTime = seen.simTime;
      expect(checkpoint.seq).toBe(acked.at(-1)!.seqTo); // the state right after the last command
      await new Promise((res) => setTimeout(res, 2500)); // the driver keeps storing events and the clock (heartbeat, 1 s)…
    } finally {
      first.child.kill('SIGKILL'); // …until the power goes
      for (const c of clients) c.close();
    }
    await new Promise((res) => first.child.once('exit', res));

    const second = await serve(db);
    try {
      expect(second.recovered).toEqual([{ id: ex.id, status: 'paused', seq: expect.any(Number) }]);
      const back = (await api(second.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body;
      expect(back.status).toBe('paused');
      expect(back.seq).toBeGreaterThanOrEqual(acked.at(-1)!.seqTo);
      const events = (await api(second.url, `/api/exercises/${ex.id}/events?after=0&limit=10000`, { code: ex.codes.controller })).body.events;
      expect(events.map((e: any) => e.seq)).toEqual(events.map((_: any, i: number) => i + 1));
      // Paused where the clock was last stored: the last event or the last heartbeat (the clock never goes back).
      expect(back.simTime).toBeGreaterThanOrEqual(events.at(-1).t);
      expect(back.simTime).toBeGreaterThan(seenSimTime);
      for (const a of acked) {
        const e = events[a.seqFrom - 1];
        expect(e).toMatchObject({ type: 'COMMAND_ACCEPTED', by: { role: 'commander' }, command: { type: a.command.type } });
      }
      // A paused clock stays where it is.
      await new Promise((res) => setTimeout(res, 300));
      expect((await api(second.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body.simTime).toBe(back.simTime);

      // Replay the stored log in this process: the digest at the checkpoint is the one reported before the crash,
      // and the whole log rebuilds the state the restarted server reports.
      const file = openDatabase(db);
      const store = createExerciseStore(file);
      const record = store.get(ex.id)!;
      const world = loadWorld({ regionId: record.regionId });
      const scenario = parseDataText(record.scenarioSource, 'busy-day.yaml', ScenarioSchema).data;
      const config = exerciseEngineConfig(world, scenario, record.seed, 'manual');
      const log = store.events.read(ex.id);
      expect(stateDigest(stateAfterCommand(config, log, checkpoint!.seq))).toBe(checkpoint!.digest);
      const { engine, extra } = rebuildFromLog(config, log, back.simTime);
      expect(extra).toEqual([]);
      expect(back.checkpoint).toEqual({ seq: back.seq, simTime: back.simTime, digest: stateDigest(engine) });
      file.close();
      // And it runs on from there.
      expect((await api(second.url, `/api/exercises/${ex.id}/control`, { body: { action: 'resume' }, code: ex.codes.controller })).body.status).toBe('running');
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((res) => second.child.once('exit', res));
    }
  }, 120_000);
});
