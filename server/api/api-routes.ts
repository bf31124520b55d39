// Every REST route of the server, mounted in one place so the OpenAPI test checks the same list
// the server serves.
import type { Router } from 'express';
import type { Catalog } from './catalog.ts';
import type { ExerciseManager } from './exercise-manager.ts';
import type { JoinRateLimiter } from './rate-limit.ts';
import { mountCatalogRoutes } from './rest-catalog.ts';
import { mountCoverageRoutes } from './rest-coverage.ts';
import { mountExerciseRoutes } from './rest-exercises.ts';
import { mountDebriefRoutes } from './rest-debrief.ts';
import { mountHazardRoutes } from './rest-hazards.ts';

export function mountApiRoutes(router: Router, catalog: Catalog, manager: ExerciseManager, limiter: JoinRateLimiter, startedAt: number): void {
  mountCatalogRoutes(router, catalog, startedAt);
  mountCoverageRoutes(router, catalog);
  mountExerciseRoutes(router, manager, limiter);
  mountDebriefRoutes(router, catalog, manager, limiter);
  mountHazardRoutes(router, catalog, manager, limiter);
}
