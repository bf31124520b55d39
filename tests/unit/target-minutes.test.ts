// Target times as the charts and the report's notes write them: whole minutes as minutes, NFPA 1710's
// 80 s turnout + 240 s travel = 320 s as "5 min 20 s" (it printed 5.333333333333333 min).
import { describe, expect, it } from 'vitest';
import { formatTargetMinutes } from '../../shared/charts/chart-types.ts';
import { targetLines } from '../../server/report/target-lines.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadCoverageConfig } from '../../server/scenario/load-coverage-config.ts';

describe('target times', () => {
  it('writes whole minutes and minutes with seconds, in English and Chinese', () => {
    expect(formatTargetMinutes(5, 'en')).toBe('5 min');
    expect(formatTargetMinutes(320 / 60, 'en')).toBe('5 min 20 s');
    expect(formatTargetMinutes(560 / 60, 'zh')).toBe('9 分 20 秒');
    expect(formatTargetMinutes(3, 'zh')).toBe('3 分钟');
  });

  it('labels the NFPA 1710 lines with their seconds: 80 + 240 = 320 s and 80 + 480 = 560 s', () => {
    const lines = targetLines(loadWorld({}), loadCoverageConfig('seeds'), 'nfpa');
    const label = (id: string): string => formatTargetMinutes(lines.find((l) => l.id === id)!.minutes, 'en');
    expect([label('nfpa-first-engine'), label('nfpa-full-alarm')]).toEqual(['5 min 20 s', '9 min 20 s']);
  });
});
