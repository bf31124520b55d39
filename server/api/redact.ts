// What players may see, by allow-list (shared/event-visibility.ts): an event type not declared
// visible to players never reaches them; the 'redacted' ones lose their hidden truth here (the real
// size, trapped people and survival times of a call, the true grade behind a size-up, the seed, the
// controller's own commands, whether a call was scripted). The board fold reads no truth fields, so it works on either.
import type { DomainEvent, DomainEventType, EventOf } from '../../shared/events.ts';
import { EVENT_VISIBILITY } from '../../shared/event-visibility.ts';
import type { JoinRole } from '../../shared/live.ts';
import type { Audience } from './exercise-rooms.ts';

type Redactable = { [T in DomainEventType]: (typeof EVENT_VISIBILITY)[T] extends 'redacted' ? T : never }[DomainEventType];

/** One redactor per 'redacted' type: the event as players get it, or undefined to withhold it. */
const REDACT: { [T in Redactable]: (e: EventOf<T>) => DomainEvent | undefined } = {
  SIMULATION_STARTED: ({ seed: _seed, ...rest }) => rest as DomainEvent,
  COMMAND_ACCEPTED: (e) => {
    // The controller's commands are the script (inject ids, planned closures): not for players.
    if (e.by.role !== 'commander' && e.by.role !== 'observer') return undefined;
    // A call may carry the hidden truth it wants (size, trapped people).
    if (e.command.type !== 'RECEIVE_CALL') return e;
    const { size: _s, trapped: _t, ...command } = e.command;
    return { ...e, command: command as typeof e.command };
  },
  COMMAND_REFUSED: (e) => {
    // As for accepted commands: the controller's are the script; a call keeps no hidden truth.
    if (e.by.role !== 'commander' && e.by.role !== 'observer') return undefined;
    if (e.command.type !== 'RECEIVE_CALL') return e;
    const { size: _s, trapped: _t, ...command } = e.command;
    return { ...e, command: command as typeof e.command };
  },
  CALL_RECEIVED: ({ truth: _truth, ...rest }) => ({ ...rest, source: rest.source === 'commander' ? 'commander' : 'background' }) as DomainEvent,
  SIZE_UP_REPORTED: ({ trueGrade: _g, unfounded: _u, ...rest }) => rest as DomainEvent,
  INCIDENT_GREW: ({ trueGrade: _g, ...rest }) => rest as DomainEvent,
  MESSAGE_SENT: (e) => ({ ...e, injectId: 'scripted' }),
  REINFORCEMENTS_ARRIVED: (e) => ({ ...e, injectId: 'scripted' }),
  POWER_OUTAGE_STARTED: (e) => ({ ...e, injectId: 'scripted' }),
  POWER_OUTAGE_ENDED: (e) => ({ ...e, injectId: 'scripted' }),
  // 断网: a report its unit could not send (station cut off) is the hidden truth until delivered.
  UNIT_EN_ROUTE: (e) => (e.unreported ? undefined : e),
  UNIT_ARRIVED: (e) => (e.unreported ? undefined : e),
  UNIT_WORKING: (e) => (e.unreported ? undefined : e),
  UNIT_RETURNING: (e) => (e.unreported ? undefined : e),
  UNIT_IN_STATION: (e) => (e.unreported ? undefined : e),
  UNIT_REROUTED: (e) => (e.unreported ? undefined : e),
};

/** The event as `audience` may see it, or undefined when it is not for them. */
export function visibleEvent(audience: Audience, e: DomainEvent): DomainEvent | undefined {
  if (audience === 'controller') return e;
  const v = EVENT_VISIBILITY[e.type];
  if (v === 'players') return e;
  if (v === 'controller') return undefined;
  const redact = REDACT[e.type as Redactable] as ((x: DomainEvent) => DomainEvent | undefined) | undefined;
  // A type declared 'redacted' without a redactor is withheld rather than leaked.
  return redact ? redact(e) : undefined;
}

export function eventsFor(role: JoinRole | Audience, events: readonly DomainEvent[]): DomainEvent[] {
  const audience: Audience = role === 'controller' ? 'controller' : 'player';
  if (audience === 'controller') return [...events];
  const out: DomainEvent[] = [];
  for (const e of events) {
    const shown = visibleEvent(audience, e);
    if (shown) out.push(shown);
  }
  return out;
}
