// The triage form (警情研判): where (from the call, a click on the map, or a place search), what type,
// what the caller reports, and the grade. Checks the input before sending TRIAGE_CALL with the grade.
import { useEffect, useState, type ReactNode } from 'react';
import type { BoardIncident } from '../../../shared/board-state.ts';
import type { CommandInput } from '../../../shared/commands.ts';
import type { LatLon } from '../../../shared/geo.ts';
import { INCIDENT_TYPES, type IncidentType } from '../../../shared/domain/incident-types.ts';
import { GRADES, isGrade, type Grade } from '../../../shared/domain/grades.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { languageHalf } from '../inject-title.ts';
import { useCommand } from './use-command.ts';

/** A coordinate as people read it: 5 decimals (~1 m), without float noise (110.56174999999999 → 110.56175). */
export const coord = (x: number): string => String(Math.round(x * 1e5) / 1e5);

export interface TriageInput { incidentId: string; type: string; lat: string; lon: string; grade: string }
export type TriageErrors = Partial<Record<'type' | 'location' | 'grade', string>>;

/** The TRIAGE_CALL command for valid input, or the error keys of each bad field. */
export function validateTriage(input: TriageInput, bounds: [LatLon, LatLon]): { command: CommandInput } | { errors: TriageErrors } {
  const errors: TriageErrors = {};
  if (!(INCIDENT_TYPES as readonly string[]).includes(input.type)) errors.type = 'triage.errors.type';
  const lat = Number(input.lat);
  const lon = Number(input.lon);
  const [[s, w], [n, e]] = bounds;
  if (input.lat.trim() === '' || input.lon.trim() === '' || !(lat >= s && lat <= n && lon >= w && lon <= e)) errors.location = 'triage.errors.location';
  const g = Number(input.grade);
  if (!isGrade(g)) errors.grade = 'triage.errors.grade';
  if (Object.keys(errors).length > 0) return { errors };
  return { command: { type: 'TRIAGE_CALL', incidentId: input.incidentId, incidentType: input.type as IncidentType, location: [lat, lon], grade: g as Grade } };
}

export function TriageForm(props: {
  incident: BoardIncident;
  picked?: LatLon;
  picking: boolean;
  onPickOnMap(): void;
  onFlyTo(p: LatLon): void;
  onDone(): void;
}): ReactNode {
  const { map, rights } = useBoard();
  const { t, lang, incidentType, grade } = useNames();
  const { incident } = props;
  const [input, setInput] = useState<TriageInput>(() => ({
    incidentId: incident.id,
    type: incident.type,
    lat: coord(incident.location[0]),
    lon: coord(incident.location[1]),
    grade: String(incident.reportedGrade),
  }));
  const [errors, setErrors] = useState<TriageErrors>({});
  const [place, setPlace] = useState('');
  const { run, busy, error } = useCommand();
  useEffect(() => {
    if (props.picked) setInput((i) => ({ ...i, lat: coord(props.picked![0]), lon: coord(props.picked![1]) }));
  }, [props.picked]);

  const findPlace = (): void => {
    const q = place.trim().toLowerCase();
    const hit = map.places.find((p) => p.name.toLowerCase() === q || p.nameZh === place.trim()) ??
      map.places.find((p) => p.name.toLowerCase().includes(q) || (p.nameZh ?? '').includes(place.trim()));
    if (!q || !hit) {
      setErrors((e) => ({ ...e, location: 'triage.errors.place' }));
      return;
    }
    setInput((i) => ({ ...i, lat: coord(hit.at[0]), lon: coord(hit.at[1]) }));
    setErrors((e) => ({ ...e, location: undefined }));
    props.onFlyTo(hit.at);
  };

  const submit = async (): Promise<void> => {
    const v = validateTriage(input, map.bounds);
    if ('errors' in v) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    const r = await run(v.command);
    if (r?.ok) props.onDone();
  };

  const set = (k: keyof TriageInput) => (e: { target: { value: string } }) => setInput((i) => ({ ...i, [k]: e.target.value }));
  return (
    <form
      className="panel triage"
      data-testid="triage-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('triage.title')} · {incident.id}</h2>
      <label className="field">
        <span>{t('triage.report')}</span>
        <textarea readOnly value={languageHalf(incident.description, lang)} rows={3} />
      </label>
      <fieldset className="field">
        <legend>{t('triage.location')}</legend>
        <div className="row">
          <input aria-label={t('triage.lat')} value={input.lat} onChange={set('lat')} size={9} />
          <input aria-label={t('triage.lon')} value={input.lon} onChange={set('lon')} size={10} />
          <button type="button" onClick={props.onPickOnMap} aria-pressed={props.picking}>{props.picking ? t('triage.picking') : t('triage.pickOnMap')}</button>
        </div>
        <div className="row">
          <input
            id="place-search"
            list="place-names"
            placeholder={t('triage.searchPlace')}
            aria-label={t('triage.searchPlace')}
            value={place}
            onChange={(e) => setPlace(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                findPlace();
              }
            }}
          />
          <button type="button" onClick={findPlace}>⌕</button>
          <datalist id="place-names">
            {map.places.map((p) => <option key={`${p.kind}-${p.name}`} value={p.name}>{p.nameZh}</option>)}
          </datalist>
        </div>
        {errors.location && <p className="error" role="alert">{t(errors.location)}</p>}
      </fieldset>
      <label className="field">
        <span>{t('triage.type')}</span>
        <select value={input.type} onChange={set('type')} data-testid="triage-type">
          <option value="">—</option>
          {INCIDENT_TYPES.map((it) => <option key={it} value={it}>{incidentType(it)}</option>)}
        </select>
        {errors.type && <p className="error" role="alert">{t(errors.type)}</p>}
      </label>
      <label className="field">
        <span>{t('triage.grade')}</span>
        <select value={input.grade} onChange={set('grade')} data-testid="triage-grade">
          <option value="">—</option>
          {GRADES.map((g) => <option key={g} value={g}>{grade(g)}</option>)}
        </select>
        {errors.grade && <p className="error" role="alert">{t(errors.grade)}</p>}
      </label>
      {error && <p className="error" role="alert">{t('incident.refused', { message: error })}</p>}
      {rights.dispatch && (
        <button type="submit" className="primary" disabled={busy} data-testid="triage-submit">
          {t('triage.submit')}
        </button>
      )}
    </form>
  );
}
