// The debrief's drill timeline keeps what a reader of the after-action report looks for: here, that a
// command the engine refused (a premature close of an incident) is a line of its own, with who tried
// and why it was refused, in the report's language, and that a background call's refusals stay out with the call.
import { describe, expect, it } from 'vitest';
import { drillTimeline } from '../../server/metrics/drill-timeline.ts';
import type { DomainEvent } from '../../shared/events.ts';

const call = (incidentId: string, source: 'scripted' | 'background', seq: number): DomainEvent => ({
  type: 'CALL_RECEIVED', seq, t: 60_000, incidentId, source, location: [24.6, 110.55], reportedType: 'building-fire', description: '',
  reportedSize: 20, reportedTrapped: 0, reportedGrade: 1, truth: { size: 20, trapped: 0, deadlinesMin: [], unfounded: false },
});
const refusedClose = (incidentId: string, seq: number): DomainEvent => ({
  type: 'COMMAND_REFUSED', seq, t: 120_000, command: { type: 'CLOSE_INCIDENT', incidentId }, by: { role: 'commander', id: 's1', name: 'Wang' },
  error: { code: 'not-allowed-in-state', message: `cannot close incident ${incidentId}: it is graded (only an incident under control can be closed)` },
});

describe('drill timeline', () => {
  it('lists a refused command with the role that gave it and the reason; a background call\'s stays out', () => {
    const lines = drillTimeline([call('INC-00001', 'scripted', 1), call('INC-00002', 'background', 2), refusedClose('INC-00001', 3), refusedClose('INC-00002', 4)]);
    expect(lines.filter((l) => l.kind === 'command')).toEqual([{
      t: 120_000, seq: 3, kind: 'command', incidentId: 'INC-00001', by: 'commander',
      // Each language its own sentence (the engine's reason is English): the Chinese report prints no English.
      zh: '指令被拒绝(结案):无法结案警情 INC-00001:当前为已定级(只有已控制的警情才能结案)。',
      en: 'Refused (close the incident): Cannot close incident INC-00001: it is graded (only an incident under control can be closed).',
    }]);
  });

  it('shows a grade raise with the reason given, and none when the reason only names who raised it', () => {
    const raised = (seq: number, by: 'commander' | 'system', reason: string): DomainEvent => ({ type: 'GRADE_RAISED', seq, t: 600_000, incidentId: 'INC-00001', from: 1, to: 2, by, reason });
    const lines = drillTimeline([call('INC-00001', 'scripted', 1), raised(2, 'commander', 'smoke on floors 18-20'), raised(3, 'commander', 'commander'), raised(4, 'commander', ''), raised(5, 'system', 'grew to 120 m²')])
      .filter((l) => l.kind === 'escalation');
    expect(lines.map((l) => l.en)).toEqual([
      'INC-00001 raised level 1 → 2 (smoke on floors 18-20)',
      'INC-00001 raised level 1 → 2', // boards before this change sent their role as the reason
      'INC-00001 raised level 1 → 2',
      'INC-00001 raised level 1 → 2 (grew to 120 m²)',
    ]);
    expect(lines[0]!.zh).toBe('INC-00001 升级 一级→二级(smoke on floors 18-20)');
  });
});
