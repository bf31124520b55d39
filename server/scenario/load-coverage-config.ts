// Reads seeds/coverage.yaml (targets and counted forces of the 5-minute circle figures). An older
// seeds copy without it gets the built-in defaults, and the caller is told so.
import fs from 'node:fs';
import path from 'node:path';
import { CoverageConfigSchema, DEFAULT_COVERAGE_CONFIG, type CoverageConfig } from '../../shared/schemas/coverage.ts';
import { loadDataFile } from '../files/read-data-file.ts';

export function loadCoverageConfig(seedsDir: string, note: (line: string) => void = () => {}): CoverageConfig {
  const file = path.join(seedsDir, 'coverage.yaml');
  if (!fs.existsSync(file)) {
    note(`note: ${file} not found; using the default coverage targets (5 / 3 / 10 min)`);
    return DEFAULT_COVERAGE_CONFIG;
  }
  return loadDataFile(file, CoverageConfigSchema).data;
}
