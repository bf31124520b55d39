// A chemical release sends crews without protection to a staging point outside its hot and warm
// zones (models/hazards.ts approachPoint): their ETA is the drive to that point, not to the site,
// and the staging point can be much nearer to a station than the site is. The recommendation must
// still be the plain rule on those ETAs: each unit's ETA the one its dispatch order gives (the
// engine's `etas`), and each unit picked as the nearest of its echelon for a need no sooner-arriving
// unit left out that could fill it (ties by id). Here the release is 800 m downwind of a station,
// so the upwind staging point is at the station itself, while the hazmat crews (protected) of that
// same station drive on to the site: the search's shortcuts must not hold there. Before the fix, at
// the special-service station an ETA shared by a station's units of one speed class gave its water
// tenders the hazmat crew's drive to the site (224 s for 128 s, or 310 s where no road led to their
// staging point at all) and passed over its aerial units; at Chengnan station a lower bound measured
// to the site skipped its aerial unit (ETA 60 s, turnout only) for tenders of the same ETA and a
// larger id.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../server/engine/types.ts';
import type { Recommendation } from '../../shared/recommendation.ts';
import type { RunCardNeed } from '../../shared/schemas/run-cards.ts';
import type { Grade } from '../../shared/domain/grades.ts';
import type { IncidentType } from '../../shared/domain/incident-types.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { engineConfigFor } from '../../server/scenario/engine-config.ts';
import { createEngine } from '../../server/engine/engine.ts';
import { indexWorld } from '../../server/engine/kernel/world-index.ts';
import { fits } from '../../server/engine/domain/dispatch/needs.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staging-recommendation-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const world = loadWorld({});
const index = indexWorld(world);

const M_LAT = 111_195;

/**
 * A chlorine leak 800 m east of the station in a west wind: the plume goes east, and the staging
 * point for places near the source (isolation 600 m + margin 200 m upwind of it) is at the station.
 * Calls at the source and downwind of it.
 */
function scenarioEastOf(stationId: string): string {
  const station = index.stations.get(stationId)!.location;
  const mLon = M_LAT * Math.cos((station[0] * Math.PI) / 180);
  /** A point `east` metres east and `north` metres north of the station. */
  const off = (east: number, north: number): [number, number] => [+(station[0] + north / M_LAT).toFixed(6), +(station[1] + east / mLon).toFixed(6)];
  const SOURCE = off(800, 0);
  return `name: chlorine leak east of ${stationId}
region: demo-county
start: 2026-07-20T10:00:00+08:00
duration: 1h
mode: manual
background: { enabled: false }
weather:
  - { at: 0, wind: { fromDeg: 270, speedMS: 3 }, stability: D }
hazards:
  - kind: chemical-release
    id: cl2
    at: 1m
    substance: chlorine
    source: { kind: continuous, rateKgS: 2, duration: 1h }
    site: { kind: fixed, location: [${SOURCE[0]}, ${SOURCE[1]}] }
calls:
  - { at: 3m, type: hazmat, location: [${SOURCE[0]}, ${SOURCE[1]}] }
  - { at: 3m, type: building-fire, location: [${off(1200, 0).join(', ')}] }
  - { at: 3m, type: building-fire, location: [${off(1500, 200).join(', ')}] }
  - { at: 3m, type: hazmat, location: [${off(1500, -200).join(', ')}] }
`;
}

/** The engine four minutes in: the release is on, the calls are in, nothing is dispatched (manual mode). */
function engineAtFourMinutes(stationId: string): Engine {
  const file = path.join(dir, `chlorine-${stationId}.yaml`);
  fs.writeFileSync(file, scenarioEastOf(stationId));
  const engine = createEngine(engineConfigFor(world, loadScenario(file, world)));
  engine.start();
  engine.advanceTo(4 * 60_000);
  return engine;
}

/** The need a unit was picked for: the card's, else one a hazard added (any tier). */
function needOf(type: IncidentType, grade: Grade, capability: RunCardNeed['capability']): RunCardNeed {
  return index.card(type, grade).needs.find((n) => n.capability === capability) ?? { capability, vehicles: 1, tiers: ['national', 'professional', 'township'] };
}

describe.each(['qs-special', 'qs-chengnan'])('recommendation near a staging point at %s', (stationId) => {
  const engine = engineAtFourMinutes(stationId);
  const view = engine.view();
  const available = view.units.filter((u) => (u.status === 'inStation' || u.status === 'availableOnRoad') && !view.commsOut.includes(u.stationId)).map((u) => u.id);
  const incidents = view.incidents.map((inc) => ({ inc, rec: engine.recommend(inc.id)! }));
  const etaOf = (incidentId: string): Map<string, number | null> => new Map(engine.etas(incidentId, available)!.map((e) => [e.unitId, e.etaSec]));

  it('has the release on and sends crews without protection elsewhere than the site', () => {
    expect(incidents).toHaveLength(4);
    const eta = etaOf(incidents[0]!.inc.id);
    // A crew without protection goes to the staging point at its station: at Chengnan the turnout
    // (60 s by day) and no drive; at the special-service station sooner than its hazmat crew (HJ,
    // medium like its tenders), which drives on to the site.
    if (stationId === 'qs-chengnan') expect(eta.get('qs-chengnan-SG-1')).toBe(60);
    else expect(eta.get('qs-special-SG-1')).toBeLessThan(eta.get('qs-special-HJ-1')!);
  });

  it("gives each unit the ETA its dispatch order gives", () => {
    const wrong: string[] = [];
    for (const { inc, rec } of incidents) {
      const eta = etaOf(inc.id);
      for (const u of rec.units) if (u.etaSec !== eta.get(u.unitId)) wrong.push(`${inc.id}: ${u.unitId} recommended with ETA ${u.etaSec} s, its order says ${eta.get(u.unitId)} s`);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves out no local unit that could fill a need sooner than the nearest picked for it (ties by id)', () => {
    const passedOver: string[] = [];
    for (const { inc, rec } of incidents) {
      const eta = etaOf(inc.id);
      const chosen = new Set(rec.units.map((u) => u.unitId));
      for (const pick of nearestPicks(rec)) {
        const need = needOf(inc.type, rec.grade, pick.reason.need as RunCardNeed['capability']);
        const specialist = pick.reason.note.startsWith('specialist');
        const pickEta = eta.get(pick.unitId)!;
        for (const id of available) {
          const u = index.units.get(id)!;
          const e = eta.get(id);
          if (chosen.has(id) || u.echelon !== 1 || !fits(u, need) || e === null || e === undefined) continue;
          if (specialist && !u.specialistFor.has(need.capability)) continue;
          if (e < pickEta || (e === pickEta && id < pick.unitId)) passedOver.push(`${inc.id}: ${id} (ETA ${e} s) left out, ${pick.unitId} (ETA ${pickEta} s) picked for ${need.capability}`);
        }
      }
    }
    expect(passedOver).toEqual([]);
  });
});

/** Units picked for a capability need as the nearest local unit or the nearest local specialist. */
function nearestPicks(rec: Recommendation): Recommendation['units'] {
  const doctrineNeeds = new Set(['home-station', 'micro-first', 'supervising-station', 'township-team', 'firefighters', 'stations', 'strengthen', 'commander']);
  return rec.units.filter((u) => u.reason.echelon === 1 && !doctrineNeeds.has(u.reason.need) && /^(nearest available|specialist for)/.test(u.reason.note));
}
