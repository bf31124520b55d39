// REST for the hazard drills' board: the estimate a commander confirms an evacuation on (the people
// the population data puts inside a drawn area, server/hazards/evacuation-estimate.ts). Only a role
// that may order an evacuation may ask; the answer holds no hidden truth of the drill.
import type { Router } from 'express';
import { CommandSchema } from '../../shared/commands.ts';
import { evacuationEstimate } from '../hazards/evacuation-estimate.ts';
import { loadEvacuationRules, loadFloodHazardRules } from '../scenario/load-hazard-data.ts';
import { ApiError, invalid } from './errors.ts';
import type { Catalog } from './catalog.ts';
import type { ExerciseManager } from './exercise-manager.ts';
import type { JoinRateLimiter } from './rate-limit.ts';
import { requireAction } from './actions.ts';
import { exerciseAccessResolver } from './rest-exercises.ts';

export function mountHazardRoutes(router: Router, catalog: Catalog, manager: ExerciseManager, limiter: JoinRateLimiter): void {
  const accessOf = exerciseAccessResolver(manager, limiter);
  let rules: { refine: number; evacuation: ReturnType<typeof loadEvacuationRules>['data'] } | undefined;
  const rulesOf = () => (rules ??= { refine: loadFloodHazardRules(catalog.seedsDir).data.refine, evacuation: loadEvacuationRules(catalog.seedsDir).data });

  // Body { area }: a circle or polygon as EVACUATE_AREA takes it.
  router.post('/api/exercises/:id/evacuation-estimate', (req, res) => {
    const { access, host } = accessOf(req);
    requireAction(access, 'command:EVACUATE_AREA');
    const parsed = CommandSchema.safeParse({ type: 'EVACUATE_AREA', area: (req.body as { area?: unknown } | undefined)?.area });
    if (!parsed.success) throw invalid('invalid area', parsed.error);
    if (parsed.data.type !== 'EVACUATE_AREA') throw new ApiError('invalid', 'invalid area');
    if (parsed.data.area.kind === 'segment') throw new ApiError('invalid', 'area: expected a circle or a polygon to evacuate (a line holds nobody)');
    const r = rulesOf();
    res.json(evacuationEstimate(host.world.region, r.refine, r.evacuation, parsed.data.area));
  });
}
