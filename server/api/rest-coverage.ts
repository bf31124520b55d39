// REST for the 5-minute circle: a region's coverage figures and gaps, and a station's isochrones
// (GeoJSON bands) for the board's coverage layer. Both are computed on first request and cached per
// region (and per station and time of day): the road network of a region does not change while the
// server runs.
import type { Router } from 'express';
import { computeCoverage } from '../geo/coverage.ts';
import { stationIsochrones, UnknownStationError } from '../geo/isochrones.ts';
import type { CoverageFigures, StationIsochrones, TimeOfDay } from '../../shared/schemas/coverage.ts';
import { loadCoverageConfig } from '../scenario/load-coverage-config.ts';
import type { Catalog } from './catalog.ts';
import { ApiError } from './errors.ts';

function timeOfDayOf(q: unknown): TimeOfDay {
  if (q === undefined || q === 'day') return 'day';
  if (q === 'night') return 'night';
  throw new ApiError('invalid', `query time: "${String(q)}" is not a time of day (expected day or night)`);
}

export function mountCoverageRoutes(router: Router, catalog: Catalog): void {
  const figures = new Map<string, CoverageFigures>();
  const bands = new Map<string, StationIsochrones>();
  const config = () => loadCoverageConfig(catalog.seedsDir);

  router.get('/api/regions/:id/coverage', (req, res) => {
    const regionId = String(req.params.id);
    const timeOfDay = timeOfDayOf(req.query.time);
    const key = `${regionId}:${timeOfDay}`;
    let f = figures.get(key);
    if (!f) {
      const world = catalog.world(regionId);
      f = computeCoverage(world, catalog.roadNetwork(regionId), { config: config(), timeOfDay });
      figures.set(key, f);
    }
    res.json(f);
  });

  router.get('/api/regions/:id/isochrones/:stationId', (req, res) => {
    const regionId = String(req.params.id);
    const stationId = String(req.params.stationId);
    const timeOfDay = timeOfDayOf(req.query.time);
    const turnout = req.query.turnout === '1' || req.query.turnout === 'true';
    const key = `${regionId}:${stationId}:${timeOfDay}:${turnout}`;
    let b = bands.get(key);
    if (!b) {
      const world = catalog.world(regionId);
      try {
        b = stationIsochrones(world, catalog.roadNetwork(regionId), stationId, { config: config(), timeOfDay, turnoutIncluded: turnout });
      } catch (err) {
        if (err instanceof UnknownStationError) throw new ApiError('not-found', err.message);
        throw err;
      }
      bands.set(key, b);
    }
    res.json(b);
  });
}
