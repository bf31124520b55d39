// The run report's false-alarm line: each incident counted once, with where the false alarms came
// from ("Cancelled 288 (unfounded 288) · False alarms 288" said one number three times).
import { describe, expect, it } from 'vitest';
import { cancellationLine } from '../../server/metrics/format-summary.ts';

describe('cancellation line of the run report', () => {
  it('says 288 once when every cancellation was an unfounded call', () => {
    const line = cancellationLine({ cancellations: 288, cancellationsByReason: { unfounded: 288 }, falseAlarms: 288 });
    expect(line).toBe('误报 False alarms 288, all 查无实情 unfounded · 其他取消 Other cancellations 0');
    expect(line.match(/288/g)).toHaveLength(1);
  });

  it('splits false alarms by source and lists other cancellations apart', () => {
    // 10 unfounded + 2 cancelled as false alarm + 3 triaged as false alarm = 15; 4 other cancellations (3 + 1).
    const line = cancellationLine({ cancellations: 16, cancellationsByReason: { unfounded: 10, 'false-alarm': 2, 'cancelled-by-caller': 3, duplicate: 1 }, falseAlarms: 15 });
    expect(line).toBe('误报 False alarms 15 (10 查无实情 unfounded, 2 cancelled as false alarm, 3 triaged as false alarm) · 其他取消 Other cancellations 4 (报警人取消 by the caller 3, 重复报警 duplicate 1)');
  });

  it('reads plainly with nothing cancelled', () => {
    expect(cancellationLine({ cancellations: 0, cancellationsByReason: {}, falseAlarms: 0 })).toBe('误报 False alarms 0 · 其他取消 Other cancellations 0');
  });
});
