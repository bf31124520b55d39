// What players may see: commanders and observers get the events without the hidden truth (the real
// size, trapped people and survival times of a call, the true grade behind a size-up), which only
// controllers (导调) see, nor the ids of the scripted injects. The board fold reads no truth fields, so it works on either.
import type { DomainEvent } from '../../shared/events.ts';
import type { JoinRole } from '../../shared/live.ts';

export function redactEvent(e: DomainEvent): DomainEvent {
  switch (e.type) {
    case 'CALL_RECEIVED': {
      const { truth: _truth, ...rest } = e;
      return rest as DomainEvent;
    }
    case 'SIZE_UP_REPORTED': {
      const { trueGrade: _g, unfounded: _u, ...rest } = e;
      return rest as DomainEvent;
    }
    case 'INCIDENT_GREW': {
      const { trueGrade: _g, ...rest } = e;
      return rest as DomainEvent;
    }
    case 'COMMAND_ACCEPTED': {
      // A controller's call may carry the hidden truth it wants (size, trapped people).
      if (e.command.type !== 'RECEIVE_CALL') return e;
      const { size: _s, trapped: _t, ...command } = e.command;
      return { ...e, command: command as typeof e.command };
    }
    case 'INJECT_FIRED':
    case 'INJECT_SKIPPED':
      // The inject ids (they may be descriptive) are the controller's script: players see only
      // that something scripted happened, and the call it brings.
      return { ...e, injectId: 'scripted' };
    default:
      return e;
  }
}

export function eventsFor(role: JoinRole, events: readonly DomainEvent[]): DomainEvent[] {
  return role === 'controller' ? [...events] : events.map(redactEvent);
}
