// REST for what exercises are made of: regions (summary, vector map), scenarios (list, validate,
// upload), plus the health check and the OpenAPI description of the whole API.
import type { Request, Router } from 'express';
import { z } from 'zod';
import { ApiError, invalid } from './errors.ts';
import type { Catalog } from './catalog.ts';
import { OPENAPI } from './openapi.ts';

/** A scenario in a request: the YAML text as the body (text/yaml), or JSON { source, id? }. */
const ScenarioUploadSchema = z.object({ source: z.string().min(1).max(2_000_000), id: z.string().min(1).max(80).optional() }).strict();

function scenarioText(req: Request): { source: string; id?: string } {
  if (typeof req.body === 'string') {
    if (req.body.trim() === '') throw new ApiError('invalid', 'the request body is empty (expected the scenario YAML, or JSON { "source": "…" })');
    const id = typeof req.query.id === 'string' ? req.query.id : undefined;
    return { source: req.body, ...(id ? { id } : {}) };
  }
  const parsed = ScenarioUploadSchema.safeParse(req.body);
  if (!parsed.success) throw invalid('invalid scenario upload (expected the YAML as a text/yaml body, or JSON { "source": "…", "id"?: "…" })', parsed.error);
  return parsed.data;
}

export function mountCatalogRoutes(router: Router, catalog: Catalog, startedAt: number): void {
  router.get('/api/health', (_req, res) => {
    res.json({ status: 'ok', uptimeSec: Math.round((Date.now() - startedAt) / 1000) });
  });

  router.get('/api/openapi.json', (_req, res) => {
    res.json(OPENAPI);
  });

  router.get('/api/regions', (_req, res) => {
    const regions = catalog.regionIds().map((id) => {
      const r = catalog.world(id).region;
      return { id: r.id, name: r.name, nameZh: r.nameZh, utcOffsetHours: r.utcOffsetHours, jurisdictions: r.jurisdictions.length, stations: r.stations.length, units: r.stations.reduce((n, s) => n + s.units.length, 0) };
    });
    res.json({ regions });
  });

  router.get('/api/regions/:id', (req, res) => {
    const r = catalog.world(String(req.params.id)).region;
    const g = r.grid;
    res.json({
      id: r.id, name: r.name, nameZh: r.nameZh, utcOffsetHours: r.utcOffsetHours,
      bounds: { south: g.south, west: g.west, north: g.south + g.rows * g.cellLat, east: g.west + g.cols * g.cellLon },
      jurisdictions: r.jurisdictions,
      stations: r.stations.map((s) => ({ id: s.id, name: s.name, nameZh: s.nameZh, kind: s.kind, jurisdictionId: s.jurisdictionId, location: s.location, units: s.units.length })),
    });
  });

  router.get('/api/regions/:id/map', (req, res) => {
    res.json(catalog.regionMap(String(req.params.id)));
  });

  router.get('/api/scenarios', (_req, res) => {
    res.json(catalog.listScenarios());
  });

  router.post('/api/scenarios/validate', (req, res) => {
    const { source, id } = scenarioText(req);
    const { scenario } = catalog.checkScenario(source, `${id ?? 'upload'}.yaml`);
    res.json({ ok: true, scenario: { name: scenario.name, region: scenario.region, durationMs: scenario.duration, mode: scenario.mode, scriptedCalls: scenario.calls.length } });
  });

  router.post('/api/scenarios', (req, res) => {
    const { source, id } = scenarioText(req);
    res.status(201).json(catalog.uploadScenario(source, id));
  });
}
