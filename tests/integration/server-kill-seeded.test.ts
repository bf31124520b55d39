// Twenty kill -9s at seeded random moments of a long, fast exercise (the busy day at 120×, manual
// mode, a snapshot every 5 events so restarts pass through snapshots), with a commander's commands
// in flight at every kill. After each restart the exercise is back paused, its log has no gap, every
// acknowledged command is in it exactly where it was acknowledged, no command id is in it twice
// (the commands that were in flight are sent again with the same ids and applied at most once), and
// replaying the whole log from the scenario gives exactly the stored events and the state digest
// the restarted server reports: the log is the one an uninterrupted run with the same commands
// at the same times makes. The participants' sessions the crash left open are closed at the restart.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { parseDataText } from '../../server/files/read-data-file.ts';
import { ScenarioSchema } from '../../shared/schemas/scenario.ts';
import { exerciseEngineConfig, rebuildFromLog } from '../../server/api/exercise-engine.ts';
import { createExerciseStore } from '../../server/store/exercise-store.ts';
import type { DomainEvent } from '../../shared/events.ts';
import { api, connected, createExercise, liveClient, tmpDir, uploadBusyDay, type Created, type Recorder } from './server-kit.ts';
import { prng } from '../fixtures/prng.ts';

const KILLS = 20;
const SEED = 20_261_207;


interface Server { child: ChildProcess; url: string; recovered: { id: string; status: string; seq: number }[]; stderr: () => string }

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** A server process with its code loaded, waiting to be told to open the database. */
function prepare(): { child: ChildProcess; start(db: string): Promise<Server> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/serve-when-told.ts'], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const lines = createInterface({ input: child.stdout! });
  return {
    child,
    start: (db) => new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`server did not start: ${err}`)), 90_000);
      lines.on('line', (line) => {
        if (line === 'ready') return;
        clearTimeout(timer);
        const j = JSON.parse(line) as { url: string; recovered: Server['recovered'] };
        ok({ child, url: j.url, recovered: j.recovered, stderr: () => err });
      });
      child.once('exit', (c, s) => { clearTimeout(timer); fail(new Error(`server exited with ${c ?? s}: ${err}`)); });
      child.stdin!.write(`${JSON.stringify({ db, snapshotEvents: 5 })}\n`);
    }),
  };
}

type Sent = { commandId: string; command: Record<string, unknown> };
type Ack = { ok: true; value: { seqFrom: number; seqTo: number; incidentId?: string } } | { ok: false; error: { code: string; message: string } };

/** Sends a command; the reply, or undefined when the connection dies first (the server was killed). */
function send(r: Recorder, command: Record<string, unknown>): Promise<Ack | undefined> {
  return new Promise((ok) => {
    const onGone = (): void => ok(undefined);
    r.client.once('disconnect', onGone);
    r.client.emit('command', command as never, ((a: Ack) => { r.client.off('disconnect', onGone); ok(a); }) as never);
  });
}

describe('seeded kill -9', () => {
  it(`${KILLS} kills at random moments with commands in flight: nothing acknowledged lost, nothing applied twice, the log replays exactly`, async () => {
    const random = prng(SEED);
    const db = join(tmpDir(), 'kills.db');
    const world = loadWorld({});
    const ready = [prepare(), prepare()]; // two ahead: loading the code takes longer than a round
    let ex: Created | undefined;
    const acked = new Map<string, number>(); // commandId → seqFrom
    let inFlight: Sent[] = [];
    const incidents: string[] = [];
    let fromSnapshot = 0;
    let killsInFlight = 0;
    let n = 0;

    for (let round = 0; round <= KILLS; round++) {
      const server = await ready.shift()!.start(db);
      if (round + ready.length < KILLS) ready.push(prepare()); // the next servers load their code while this one runs
      const clients: Recorder[] = [];
      try {
        if (!ex) {
          await uploadBusyDay(server.url);
          ex = await createExercise(server.url, { scenario: 'busy-day', speed: 120, mode: 'manual' });
        } else {
          expect(server.recovered, `restart ${round}`).toEqual([{ id: ex.id, status: 'paused', seq: expect.any(Number) }]);
          const back = (await api(server.url, `/api/exercises/${ex.id}`, { code: ex.codes.observer })).body;
          expect(back.status).toBe('paused');
          checkStoredLog(db, ex.id, world, acked, back, round);
          // The sessions the crash left open were closed at the restart (nobody is connected yet).
          const sessions = (await api(server.url, `/api/exercises/${ex.id}/participants`, { code: ex.codes.controller })).body.sessions as { role: string; leftAt: string | null }[];
          expect(sessions.length, `restart ${round}: sessions`).toBe(2 * round);
          expect(sessions.filter((p) => p.leftAt === null), `restart ${round}: sessions left open`).toEqual([]);
          if (/resumed from the snapshot at seq/.test(server.stderr())) fromSnapshot++;
        }
        const ctl = liveClient(server.url, { code: ex.codes.controller });
        const cmd = liveClient(server.url, { code: ex.codes.commander });
        clients.push(ctl, cmd);
        await Promise.all([connected(ctl), connected(cmd)]);

        // The commands that were in flight at the kill, sent again with the same ids: each is applied
        // once (a stored one answers with its first result, seq and all).
        for (const s of inFlight) {
          const a = await send(cmd, s.command);
          expect(a, JSON.stringify(a)).toMatchObject({ ok: true });
          if (a?.ok) {
            const first = acked.get(s.commandId);
            if (first !== undefined) expect(a.value.seqFrom).toBe(first);
            acked.set(s.commandId, a.value.seqFrom);
            if (a.value.incidentId && s.command.type === 'RECEIVE_CALL') incidents.push(a.value.incidentId);
          }
        }
        inFlight = [];
        const go = await new Promise<Ack>((ok) => ctl.client.emit('control', { action: round === 0 ? 'start' : 'resume' } as never, ok as never));
        expect(go).toMatchObject({ ok: true });
        if (round === KILLS) break;

        // Commands at random intervals, then a burst of 1-4 not waited for and the kill 0-40 ms into
        // it: commands in flight, some stored and unanswered, some never read.
        const killAt = Date.now() + 300 + random() * 1700;
        const pending: Promise<void>[] = [];
        const fire = (): void => {
          const i = n++;
          const triage = incidents.length > 0 && random() < 0.3;
          const command = triage
            ? { type: 'TRIAGE_CALL', commandId: `kill-cmd-${i}`, incidentId: incidents.splice(Math.floor(random() * incidents.length), 1)[0], incidentType: 'building-fire' } // each call triaged once
            : { type: 'RECEIVE_CALL', commandId: `kill-cmd-${i}`, location: [24.6 + random() * 0.05, 110.5 + random() * 0.08], incidentType: 'building-fire', description: `call ${i}` };
          const sent: Sent = { commandId: command.commandId, command };
          inFlight.push(sent);
          pending.push(send(cmd, command).then((a) => {
            if (!a) return; // the server died before answering
            inFlight.splice(inFlight.indexOf(sent), 1);
            if (a.ok) {
              acked.set(sent.commandId, a.value.seqFrom);
              if (a.value.incidentId && command.type === 'RECEIVE_CALL') incidents.push(a.value.incidentId);
            } else {
              // Refused with a reason (an already triaged call, the command budget): not applied, nothing to resend.
              expect(a.error.message.length).toBeGreaterThan(0);
            }
          }));
        };
        while (Date.now() < killAt) {
          fire();
          await new Promise((r) => setTimeout(r, 80 + random() * 300));
        }
        for (let b = 1 + Math.floor(random() * 4); b > 0; b--) fire();
        // Most kills follow the burst at once (its commands cannot have been answered yet, however
        // loaded the machine is); the rest give the server up to 40 ms to answer some of them.
        if (random() >= 0.75) await new Promise((r) => setTimeout(r, random() * 40));
        if (inFlight.length > 0) killsInFlight++;
        server.child.kill('SIGKILL');
        await new Promise((r) => (server.child.exitCode !== null || server.child.signalCode !== null ? r(null) : server.child.once('exit', r)));
        await Promise.all(pending);
      } finally {
        for (const c of clients) c.close();
      }
      if (round === KILLS) server.child.kill('SIGTERM');
    }
    for (const r of ready) r.child.kill('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(KILLS);
    expect(killsInFlight).toBeGreaterThanOrEqual(KILLS / 2); // most kills came with commands unanswered
    expect(fromSnapshot).toBeGreaterThanOrEqual(KILLS / 2); // the restarts went through snapshots, not only whole-log replays
  }, 900_000);
});

/** The stored log after a restart, read from the database file the server uses. */
function checkStoredLog(dbFile: string, id: string, world: ReturnType<typeof loadWorld>, acked: Map<string, number>, back: { seq: number; simTime: number; checkpoint: unknown }, round: number): void {
  const db = new Database(dbFile);
  try {
    const store = createExerciseStore(db);
    const log: DomainEvent[] = store.events.read(id);
    expect(log.map((e) => e.seq), `restart ${round}: no gap`).toEqual(log.map((_, i) => i + 1));
    expect(log.at(-1)!.seq).toBe(back.seq);
    for (const [commandId, seqFrom] of acked) {
      expect(log[seqFrom - 1], `restart ${round}: acknowledged ${commandId}`).toMatchObject({ type: 'COMMAND_ACCEPTED', command: { commandId } });
    }
    const ids = log.flatMap((e) => ((e.type === 'COMMAND_ACCEPTED' || e.type === 'COMMAND_REFUSED') && e.command.commandId ? [e.command.commandId] : []));
    expect(ids.length, `restart ${round}: a command id stored twice`).toBe(new Set(ids).size);
    const record = store.get(id)!;
    const config = exerciseEngineConfig(world, parseDataText(record.scenarioSource, 'busy-day.yaml', ScenarioSchema).data, record.seed, 'manual');
    const { engine, extra } = rebuildFromLog(config, log, back.simTime); // throws unless the replay gives the stored events exactly
    expect(extra).toEqual([]);
    expect(back.checkpoint, `restart ${round}: state digest`).toEqual({ seq: back.seq, simTime: back.simTime, digest: engine.digest() });
  } finally {
    db.close();
  }
}
