// Cross-checks of a drill script against itself and the demo county, reported together with the
// schema errors in one pass: a trainer sees every problem of the file at once, each at its line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { DataFileError } from '../../server/files/data-file-error.ts';
import type { World } from '../../server/engine/types.ts';

let world: World;
beforeAll(() => {
  world = loadWorld({ seedsDir: 'seeds', regionId: 'demo-county', roads: false });
});
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-checks-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEAD = `name: Check drill
region: demo-county
start: 2026-07-01T20:00:00+08:00
duration: 2h
mode: manual
`;

function problems(body: string): string[] {
  const file = path.join(dir, `s-${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, HEAD + body);
  try {
    loadScenario(file, world);
  } catch (err) {
    if (err instanceof DataFileError) return err.issues.map((i) => `${i.line}:${i.col}: ${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('one pass', () => {
  it('reports a misspelt place together with a schema error elsewhere in the file', () => {
    const p = problems(`calls:
  - { at: 5m, type: building-fire, location: Xingfu Comunity }
  - { at: 9m, type: building-fire, location: Qingshui Plaza, trappd: 2 }
`);
    expect(p).toEqual([
      expect.stringMatching(/^7:46: calls\.0\.location: unknown place "Xingfu Comunity" in region demo-county \(expected did you mean "Xingfu Community"/),
      expect.stringMatching(/^8:62: calls\.1\.trappd: unknown key "trappd"/),
    ]);
  });

  it('accepts a drill whose references all resolve', () => {
    expect(problems(`objectives:
  - { id: obj-1, title: { zh: 救人, en: Rescue }, capability: Mass Search and Rescue Operations, targets: [all trapped people out within 40 min] }
forces:
  outOfService: [{ unit: qs-chengbei-YT-1, reason: 保养 }]
  away: [{ station: qs-quake-team }]
injects:
  - { id: fire, at: T+05:00, kind: call, type: high-rise-fire, location: Qingshui Plaza, objective: obj-1, truth: { trapped: 4 } }
  - { id: press, after: fire, delay: 20m, kind: message, source: media, text: { zh: 记者到场, en: Press on scene } }
  - id: no-aerial
    at: T+20:00
    kind: message
    text: { zh: 上级询问登高车, en: Higher command asks where the aerial is }
    contingency: { when: { not: { onScene: { incident: fire, capability: aerial } } } }
  - { id: cut, at: T+30:00, kind: bridge-down, bridge: Qingshui Bridge, closureId: bridge }
  - { id: open, at: T+90:00, kind: road-reopen, closureId: bridge }
  - { id: sg-down, at: T+40:00, kind: unit-breakdown, unit: qs-chengdong-SG-1 }
  - { id: radio, at: T+45:00, kind: comms-outage, station: qs-chengnan, lasts: 10m }
expected:
  - { id: ea-1, objective: obj-1, description: { zh: 登高车15分钟内到场, en: aerial on scene within 15 min }, check: { onScene: { incident: fire, capability: aerial } }, within: 15m }
`)).toEqual([]);
  });
});

describe('references', () => {
  it('finds unknown units, stations, unit types, objectives, injects, closures and expected actions', () => {
    const p = problems(`forces:
  outOfService: [{ unit: qs-chengbei-YT-9 }]
  away: [{ station: qs-nowhere }]
injects:
  - { id: a, at: T+05:00, kind: call, type: building-fire, location: Xingfu Community, objective: obj-9 }
  - { id: b, at: T+06:00, kind: road-reopen, closureId: never }
  - { id: c, at: T+07:00, kind: reinforcements, source: provincial, team: { zh: 省队, en: Province team }, stagingAt: Qingshui Plaza, units: [{ id: qs-special-SG-1, type: ZZZ }] }
  - { id: d, at: T+08:00, kind: message, text: { zh: x, en: y }, contingency: { when: { any: [ { injectFired: zz }, { expectedMet: ea-9 }, { grade: { incident: b, atLeast: 2 } } ] } } }
`);
    expect(p).toEqual([
      expect.stringMatching(/forces\.outOfService\.0\.unit: unknown unit "qs-chengbei-YT-9"/),
      expect.stringMatching(/forces\.away\.0\.station: unknown station or team "qs-nowhere"/),
      expect.stringMatching(/injects\.0\.objective: unknown objective "obj-9" \(expected one of the ids under objectives: none declared\)/),
      expect.stringMatching(/injects\.1\.closureId: unknown closure "never"/),
      expect.stringMatching(/injects\.2\.units\.0\.id: unit id "qs-special-SG-1" is already a unit of region demo-county/),
      expect.stringMatching(/injects\.2\.units\.0\.type: unknown unit type "ZZZ"/),
      expect.stringMatching(/injects\.3\.contingency\.when\.any\.0\.injectFired: unknown inject "zz" \(expected one of: a, b, c, d\)/),
      expect.stringMatching(/injects\.3\.contingency\.when\.any\.1\.expectedMet: unknown expected action "ea-9"/),
      expect.stringMatching(/injects\.3\.contingency\.when\.any\.2\.grade: inject "b" is a road-reopen inject and makes no incident/),
    ]);
    expect(p).toHaveLength(9);
  });

  it('checks the incident a fact leaves the stations of out (fromStationNotAt) like its own incident', () => {
    const p = problems(`injects:
  - { id: fire, at: T+05:00, kind: call, type: building-fire, location: Xingfu Community }
  - { id: crash, at: T+10:00, kind: call, type: traffic-accident, location: Qingshui Bridge }
  - { id: note, at: T+11:00, kind: message, text: { zh: x, en: y } }
expected:
  - { id: ea-ok, description: { zh: x, en: y }, check: { dispatched: { incident: crash, capability: rescue, fromStationNotAt: fire } } }
  - { id: ea-unknown, description: { zh: x, en: y }, check: { onScene: { incident: crash, fromStationNotAt: fier } } }
  - { id: ea-kind, description: { zh: x, en: y }, check: { dispatched: { incident: crash, fromStationNotAt: note } } }
`);
    expect(p).toEqual([
      expect.stringMatching(/expected\.1\.check\.onScene\.fromStationNotAt: unknown inject "fier" \(expected the id of a call or secondary inject: fire, crash\)/),
      expect.stringMatching(/expected\.2\.check\.dispatched\.fromStationNotAt: inject "note" is a message inject and makes no incident/),
    ]);
  });
});

describe('times and conditions', () => {
  it('finds times after the end, `after` cycles, checks before their call and `within` without an incident', () => {
    const p = problems(`injects:
  - { id: late, at: T+2:30:00, kind: call, type: building-fire, location: Xingfu Community }
  - { id: x, after: y, delay: 1m, kind: message, text: { zh: a, en: b } }
  - { id: y, after: x, delay: 1m, kind: message, text: { zh: a, en: b } }
  - { id: early, at: T+10:00, kind: message, text: { zh: a, en: b }, contingency: { when: { closed: { incident: late } } } }
  - { id: w, at: T+1:00:00, kind: message, text: { zh: a, en: b }, contingency: { when: { underControl: { incident: late } }, until: T+0:30:00 } }
expected:
  - { id: ea-1, description: { zh: a, en: b }, check: { onScene: { incident: any, capability: hazmat } }, within: 10m }
  - { id: ea-2, description: { zh: a, en: b }, check: { closed: { incident: late } }, by: T+3h }
`);
    expect(p).toEqual([
      expect.stringMatching(/^7:.*injects\.0\.at: inject at T\+02:30:00 comes after the end of the scenario \(expected ≤ duration T\+02:00:00\)/),
      expect.stringMatching(/^8:.*injects\.1\.after: `after` chain makes a cycle: x → y → x/),
      expect.stringMatching(/^9:.*injects\.2\.after: `after` chain makes a cycle: y → x → y/),
      expect.stringMatching(/^10:.*injects\.3\.contingency\.when\.closed: checked at T\+00:10:00 but the incident of "late" only starts at T\+02:30:00/),
      expect.stringMatching(/^11:.*injects\.4\.contingency\.until: watch ends at T\+00:30:00 before it starts at T\+01:00:00/),
      expect.stringMatching(/^13:.*expected\.0\.within: `within` counts from the call of the incident the check names/),
      expect.stringMatching(/^14:.*expected\.1\.by: deadline T\+03:00:00 comes after the end/),
    ]);
  });
});

describe('one pass, within one element', () => {
  it('reports a misspelt place of a call or inject together with a misspelt key of the same element', () => {
    const p = problems(`calls:
  - { at: 5m, type: flood-rescue, location: Binjiang Park Riversid, trappd: 3 }
injects:
  - { id: t, at: 10m, kind: reinforcements, source: militia, team: { zh: 民兵, en: Militia }, stagingAt: Daxu Twn, units: [{ id: m-SG-1, type: SG }], colour: red }
`);
    expect(p).toEqual([
      expect.stringMatching(/^7:45: calls\.0\.location: unknown place "Binjiang Park Riversid" in region demo-county \(expected did you mean "Binjiang Park Riverside"\?\)/),
      expect.stringMatching(/^7:69: calls\.0\.trappd: unknown key "trappd"/),
      expect.stringMatching(/^9:.*injects\.0\.stagingAt: unknown place "Daxu Twn"/),
      expect.stringMatching(/^9:.*injects\.0\.colour: unknown key "colour"/),
    ]);
  });
});

describe('areas in conditions', () => {
  it('checks the place a unitInArea condition names (it used to crash the check) and the arriving units injects may name', () => {
    const p = problems(`injects:
  - { id: fire, at: 5m, kind: call, type: hazmat-tanker, location: Hedong Chemical Park }
  - id: hot
    at: 6m
    kind: message
    text: { zh: 进入热区, en: in the hot zone }
    contingency: { when: { unitInArea: { area: { circle: { center: Hedong Chemcal Park, radiusM: 100 } } } }, until: 1h }
  - { id: team, at: 10m, kind: reinforcements, source: militia, team: { zh: 民兵, en: Militia }, stagingAt: Hedong Chemical Park, units: [{ id: mil-SG-1, type: SG }] }
  - { id: hurt, at: 20m, kind: crew-injury, unit: mil-SG-1 }
  - { id: twice, at: 30m, kind: reinforcements, source: militia, team: { zh: 民兵, en: Militia }, stagingAt: Hedong Chemical Park, units: [{ id: mil-SG-1, type: SG }] }
`);
    expect(p).toEqual([
      expect.stringMatching(/^12:.*injects\.1\.contingency\.when\.unitInArea\.area\.circle\.center: unknown place "Hedong Chemcal Park" in region demo-county \(expected did you mean "Hedong Chemical Park"/),
      expect.stringMatching(/^15:.*injects\.4\.units\.0\.id: unit id "mil-SG-1" already arrives with injects\.2/),
    ]);
  });
});

describe('teams in conditions', () => {
  it('accepts a station id or a reinforcements inject as team and reports any other name at its line, with the station ids it may have meant', () => {
    const p = problems(`injects:
  - { id: leak, at: 5m, kind: call, type: hazmat, location: Hedong Chemical Park }
  - { id: prov, at: 10m, kind: reinforcements, source: provincial, team: { zh: 总队, en: Province }, stagingAt: Hedong Chemical Park, units: [{ id: prov-x-HJ-1, type: HJ }] }
expected:
  - { id: ea-special, description: { zh: 到场, en: on scene }, check: { onScene: { incident: leak, team: qs-special, count: 2 } }, by: T+30:00 }
  - { id: ea-prov, description: { zh: 到场, en: on scene }, check: { dispatched: { incident: any, team: prov } }, by: T+40:00 }
  - { id: ea-typo, description: { zh: 到场, en: on scene }, check: { onScene: { incident: leak, team: qs-specal } }, by: T+30:00 }
  - { id: ea-area, description: { zh: 到场, en: on scene }, check: { unitInArea: { area: { circle: { center: Hedong Chemical Park, radiusM: 300 } }, team: Province } }, by: T+30:00 }
`);
    expect(p).toEqual([
      expect.stringMatching(/^12:101: expected\.2\.check\.onScene\.team: unknown team "qs-specal" \(expected a station id of region demo-county, did you mean "qs-special"\?, or the id of a reinforcements inject: prov\)/),
      expect.stringMatching(/^13:154: expected\.3\.check\.unitInArea\.team: unknown team "Province" .*or the id of a reinforcements inject: prov\)/),
    ]);
  });

  it('refuses a misspelt key inside a team fact, at its path', () => {
    const p = problems(`injects:
  - { id: leak, at: 5m, kind: call, type: hazmat, location: Hedong Chemical Park }
expected:
  - { id: ea-special, description: { zh: 到场, en: on scene }, check: { onScene: { incident: leak, teams: qs-special } }, by: T+30:00 }
`);
    expect(p).toEqual([expect.stringMatching(/^9:\d+: expected\.0\.check\.onScene\.teams: unknown key "teams" \(expected one of: incident, capability, team, fromStationNotAt, count\)/)]);
  });
});
