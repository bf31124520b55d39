// The controller's MSEL timeline (导调脚本): every inject of the drill in time order with its status
// (pending, held, fired, skipped, postponed; a contingency watched, and whether its condition holds
// now), fire a held or pending inject now, skip one, postpone the rest of the exercise keeping the
// spacing, and write a new inject during the drill (a message to the players, a call, or any kind as
// JSON). Everything goes through the same commands as the rest of the console.
import { useState, type ReactNode } from 'react';
import type { CommandInput } from '../../../shared/commands.ts';
import type { DomainEvent } from '../../../shared/events.ts';
import { INCIDENT_TYPES, type IncidentType } from '../../../shared/domain/incident-types.ts';
import { useNames } from '../i18n/i18n.ts';
import { formatElapsed } from '../live/sim-clock.ts';
import { useScript, type ScriptEntry } from '../live/script-view.ts';
import { useCommand } from './use-command.ts';
import { languageHalf } from '../inject-title.ts';

export const POSTPONE_MINUTES = [5, 10, 15, 30, 60] as const;

export type RowStatus = ScriptEntry['status'] | 'postponed';

/** What the row shows as its status: a pending inject moved later is "postponed". */
export const rowStatus = (e: ScriptEntry): RowStatus => (e.status === 'pending' && e.postponedMs ? 'postponed' : e.status);

/** A condition as a short line: facts with their arguments, and / or / not. */
export function conditionText(c: unknown): string {
  if (!c || typeof c !== 'object') return String(c);
  const o = c as Record<string, unknown>;
  if (Array.isArray(o.all)) return `(${o.all.map(conditionText).join(' ∧ ')})`;
  if (Array.isArray(o.any)) return `(${o.any.map(conditionText).join(' ∨ ')})`;
  if ('not' in o) return `¬${conditionText(o.not)}`;
  const [kind, arg] = Object.entries(o)[0] ?? ['?', undefined];
  if (arg === null || typeof arg !== 'object') return `${kind}(${arg === undefined ? '' : String(arg)})`;
  const args = Object.entries(arg as Record<string, unknown>).filter(([k, v]) => !(k === 'count' && v === 1)).map(([k, v]) => (k === 'incident' ? (typeof v === 'object' ? JSON.stringify(v) : String(v)) : `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`));
  return `${kind}(${args.join(', ')})`;
}

/** Time order: timed injects by their time, then those waiting (after another, held) in file order. */
export function timelineOrder(script: readonly ScriptEntry[]): ScriptEntry[] {
  return script.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at ?? Infinity) - (b.e.at ?? Infinity) || a.i - b.i).map(({ e }) => e);
}

const isIncidentType = (s: string): s is IncidentType => (INCIDENT_TYPES as readonly string[]).includes(s);

/** When each inject fired or was skipped, from the controller's log (held and chained ones have no time of their own). */
export function settledAt(log: readonly DomainEvent[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of log) if ((e.type === 'INJECT_FIRED' || e.type === 'INJECT_SKIPPED') && !out.has(e.injectId)) out.set(e.injectId, e.t);
  return out;
}

export function MselTimeline(props: {
  exerciseId: string; code: string; log: readonly DomainEvent[]; now: number; live: boolean;
  /** The script when the page already follows it (the console titles injects from it too). */
  shared?: { script: ScriptEntry[]; refresh(): void };
}): ReactNode {
  const { t, lang, incidentType } = useNames();
  const { run, busy, error } = useCommand();
  const own = useScript(props.exerciseId, props.code, props.log.length, 1000, props.shared === undefined);
  const { script, refresh } = props.shared ?? own;
  const settled = settledAt(props.log);
  const [postponeBy, setPostponeBy] = useState<number>(10);
  const [adding, setAdding] = useState(false);
  const act = async (c: CommandInput) => { await run(c); refresh(); };
  const label = (e: ScriptEntry): string => {
    if (e.text) return lang.startsWith('zh') ? e.text.zh : e.text.en;
    const words = e.words ?? e.description;
    const parts = [e.type && isIncidentType(e.type) ? incidentType(e.type) : e.type, words ? languageHalf(words, lang) : undefined].filter(Boolean);
    return parts.join(' · ');
  };
  const rows = timelineOrder(script);
  return (
    <section className="panel msel" data-testid="msel-timeline">
      <h3>{t('msel.title')}</h3>
      {rows.length === 0 && <p className="muted">{t('msel.empty')}</p>}
      <ol className="msel__rows">
        {rows.map((e) => {
          const status = rowStatus(e);
          const open = e.status === 'pending' || e.status === 'held';
          return (
            <li key={e.id} data-testid="msel-row" data-id={e.id} data-status={status} className={`msel__row msel__row--${status}`}>
              <span className="msel__time">{e.at !== undefined ? `T+${formatElapsed(e.at)}` : settled.has(e.id) ? `T+${formatElapsed(settled.get(e.id)!)}` : e.after ? t('msel.after', { id: e.after }) : '—'}</span>{' '}
              <strong>{e.id}</strong> <span className="muted">{t(`msel.kind.${e.kind}`, { defaultValue: e.kind })}</span>{' '}
              <span className={`badge badge--${status}`} data-testid="msel-status">{t(`msel.status.${status}`)}</span>
              {e.postponedMs ? <span className="muted"> {t('msel.postponedBy', { minutes: Math.round(e.postponedMs / 60_000) })}</span> : null}
              {e.adHoc && <span className="muted"> · {t('msel.adHoc')}</span>}
              <div className="msel__what">{label(e)}</div>
              {e.contingency && (
                <div className="msel__condition small-text" data-testid="msel-condition" data-holds={e.contingency.holds ? 'yes' : 'no'}>
                  {t('msel.when')} <code>{conditionText(e.contingency.when)}</code> · {e.contingency.holds ? t('msel.holds') : t('msel.doesNotHold')}
                  {e.contingency.watching && <> · {t('msel.watching', { until: e.contingency.until !== undefined ? formatElapsed(e.contingency.until) : '—' })}</>}
                </div>
              )}
              {open && props.live && (
                <span className="msel__actions">
                  <button type="button" className="small" data-testid="msel-fire" disabled={busy} onClick={() => void act({ type: 'FIRE_INJECT', injectId: e.id })}>{e.status === 'held' ? t('msel.release') : t('console.fireNow')}</button>
                  <button type="button" className="small" data-testid="msel-skip" disabled={busy} onClick={() => void act({ type: 'SKIP_INJECT', injectId: e.id })}>{t('console.skip')}</button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {props.live && (
        <div className="actions">
          <label className="inline">
            {t('msel.postponeBy')}
            <select data-testid="msel-postpone-by" value={postponeBy} onChange={(ev) => setPostponeBy(Number(ev.target.value))}>
              {POSTPONE_MINUTES.map((m) => <option key={m} value={m}>{t('console.stepMinutes', { minutes: m })}</option>)}
            </select>
          </label>
          <button type="button" data-testid="msel-postpone" disabled={busy} onClick={() => void act({ type: 'POSTPONE_INJECTS', byMs: postponeBy * 60_000 })}>{t('msel.postpone')}</button>
          <button type="button" data-testid="msel-add-open" onClick={() => setAdding(!adding)}>{t('msel.add')}</button>
        </div>
      )}
      {adding && props.live && <AddInjectForm now={props.now} busy={busy} onAdd={async (inject) => { await act({ type: 'ADD_INJECT', inject }); setAdding(false); }} />}
      {error && <p className="error" role="alert" data-testid="msel-error">{t('incident.refused', { message: error })}</p>}
    </section>
  );
}

type AddKind = 'message' | 'call' | 'json';

/** A new inject: when (in N minutes, or held), and what (a message, a call, or any kind as JSON). */
function AddInjectForm(props: { now: number; busy: boolean; onAdd(inject: Record<string, unknown>): Promise<void> }): ReactNode {
  const { t, incidentType } = useNames();
  const [kind, setKind] = useState<AddKind>('message');
  const [id, setId] = useState('');
  const [inMinutes, setInMinutes] = useState<number | 'held'>(0);
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [source, setSource] = useState('controller');
  const [callType, setCallType] = useState<IncidentType>('building-fire');
  const [place, setPlace] = useState('');
  const [words, setWords] = useState('');
  const [json, setJson] = useState('{ "kind": "unit-breakdown", "unit": "" }');
  const [problem, setProblem] = useState<string | undefined>();
  const submit = async () => {
    setProblem(undefined);
    let body: Record<string, unknown>;
    if (kind === 'message') body = { kind: 'message', source, text: { zh: zh || en, en: en || zh } };
    else if (kind === 'call') body = { kind: 'call', type: callType, location: place, ...(words ? { words } : {}) };
    else {
      try {
        body = JSON.parse(json) as Record<string, unknown>;
      } catch (err) {
        setProblem(String((err as Error).message));
        return;
      }
    }
    const timing = inMinutes === 'held' ? { held: true } : { at: Math.ceil((props.now + inMinutes * 60_000) / 1000) };
    await props.onAdd({ ...body, ...(id ? { id } : {}), ...timing });
  };
  return (
    <form className="msel__add" data-testid="msel-add" onSubmit={(ev) => { ev.preventDefault(); void submit(); }}>
      <div className="actions">
        <select aria-label={t('msel.addKind')} data-testid="msel-add-kind" value={kind} onChange={(ev) => setKind(ev.target.value as AddKind)}>
          <option value="message">{t('msel.kind.message')}</option>
          <option value="call">{t('msel.kind.call')}</option>
          <option value="json">{t('msel.addJson')}</option>
        </select>
        <input aria-label={t('msel.addId')} placeholder={t('msel.addId')} data-testid="msel-add-id" value={id} onChange={(ev) => setId(ev.target.value)} size={10} />
        <select aria-label={t('msel.addWhen')} data-testid="msel-add-when" value={String(inMinutes)} onChange={(ev) => setInMinutes(ev.target.value === 'held' ? 'held' : Number(ev.target.value))}>
          <option value="0">{t('msel.now')}</option>
          {[5, 10, 30, 60].map((m) => <option key={m} value={m}>{t('msel.inMinutes', { minutes: m })}</option>)}
          <option value="held">{t('msel.status.held')}</option>
        </select>
      </div>
      {kind === 'message' && (
        <>
          <select aria-label={t('msel.source')} value={source} onChange={(ev) => setSource(ev.target.value)}>
            {['controller', 'higher-command', 'media', 'vip', 'public', 'agency'].map((s) => <option key={s} value={s}>{t(`msel.sourceName.${s}`)}</option>)}
          </select>
          <input aria-label="中文" placeholder="中文" data-testid="msel-add-zh" value={zh} onChange={(ev) => setZh(ev.target.value)} />
          <input aria-label="English" placeholder="English" data-testid="msel-add-en" value={en} onChange={(ev) => setEn(ev.target.value)} />
        </>
      )}
      {kind === 'call' && (
        <>
          <select aria-label={t('msel.callType')} value={callType} onChange={(ev) => setCallType(ev.target.value as IncidentType)}>
            {INCIDENT_TYPES.map((x) => <option key={x} value={x}>{incidentType(x)}</option>)}
          </select>
          <input aria-label={t('msel.place')} placeholder={t('msel.place')} data-testid="msel-add-place" value={place} onChange={(ev) => setPlace(ev.target.value)} />
          <input aria-label={t('msel.words')} placeholder={t('msel.words')} value={words} onChange={(ev) => setWords(ev.target.value)} />
        </>
      )}
      {kind === 'json' && <textarea aria-label={t('msel.addJson')} data-testid="msel-add-json" rows={3} value={json} onChange={(ev) => setJson(ev.target.value)} />}
      {problem && <p className="error" role="alert">{problem}</p>}
      <button type="submit" className="primary" data-testid="msel-add-submit" disabled={props.busy}>{t('msel.addSubmit')}</button>
    </form>
  );
}
