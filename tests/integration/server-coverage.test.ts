// The coverage layer's REST over real HTTP: figures of the demo county and a station's isochrone
// bands, nested and growing with time; bad queries and unknown stations get the one error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, testServer, type TestServer } from './server-kit.ts';

let server: TestServer;
beforeAll(async () => { server = await testServer({ demo: false }); });
afterAll(async () => { await server.close(); });

describe('coverage over REST', () => {
  it('gives the 5-minute share and the gaps; night is worse than day', async () => {
    const day = await api(server.url, '/api/regions/demo-county/coverage');
    expect(day.status).toBe(200);
    expect(day.body.populationWithin5min).toBeGreaterThan(0.2);
    expect(day.body.populationWithin5min).toBeLessThan(1);
    expect(day.body.gaps.length).toBeGreaterThan(0);
    expect(day.body.gaps[0]).toMatchObject({ lat: expect.any(Number), lon: expect.any(Number), population: expect.any(Number) });
    const night = await api(server.url, '/api/regions/demo-county/coverage?time=night');
    expect(night.body.populationWithin5min).toBeLessThan(day.body.populationWithin5min);
  });

  it('draws a station\'s isochrones as bands that grow with time', async () => {
    const r = await api(server.url, '/api/regions/demo-county/isochrones/qs-special');
    expect(r.status).toBe(200);
    const areas = r.body.bands.map((b: { areaKm2: number }) => b.areaKm2);
    expect(r.body.bands.map((b: { minutes: number }) => b.minutes)).toEqual([3, 5, 8, 10, 15]);
    for (let i = 1; i < areas.length; i++) expect(areas[i]).toBeGreaterThan(areas[i - 1]);
    expect(r.body.bands[0].geometry.type).toBe('MultiPolygon');
    const withTurnout = await api(server.url, '/api/regions/demo-county/isochrones/qs-special?turnout=1');
    expect(withTurnout.body.turnoutIncluded).toBe(true);
    expect(withTurnout.body.bands[1].areaKm2).toBeLessThan(r.body.bands[1].areaKm2);
  });

  it('refuses an unknown station and a bad time of day with the error shape', async () => {
    const r = await api(server.url, '/api/regions/demo-county/isochrones/no-such-station');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not-found');
    const q = await api(server.url, '/api/regions/demo-county/coverage?time=dusk');
    expect(q.status).toBe(400);
    expect(q.body.error.message).toMatch(/day or night/);
  });
});
