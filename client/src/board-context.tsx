// What every panel of the board needs besides the live state: the region's map data (stations,
// unit types, run cards), the actions it may take (socket commands), the role's rights, and labels.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { RegionMap, MapStation } from '../../shared/map-data.ts';
import type { LiveActions } from './live/connection.ts';
import type { RoleRights } from './roles.ts';

export interface BoardContextValue {
  map: RegionMap;
  actions: LiveActions;
  rights: RoleRights;
  stationById: ReadonlyMap<string, MapStation>;
  /** Callsign per language: the region's callsigns (城东水罐1, Chengdong Tender 1); without an English one, "Chengdong SG-1". */
  unitLabel(unitId: string, lang: string): string;
  stationName(stationId: string, lang: string): string;
}

/** Words that say what kind of station it is, not which: the English callsign keeps what comes before them. */
const GENERIC = new Set(['Fire', 'Fire-Rescue', 'Station', 'Micro', 'Team', 'Full-time', 'Township', 'Village', 'Volunteer', 'Class', 'Specialist', 'Small', 'Logistics', 'Support', 'Forest', 'Enterprise', 'Semi-professional', 'Water-Rescue', 'Brigade']);

/** "Chengdong Fire-Rescue Station" → "Chengdong": the English counterpart of the callsign's prefix (城东). */
export function shortStationName(name: string): string {
  const words = name.split(/\s+/);
  const cut = words.findIndex((w, i) => i > 0 && GENERIC.has(w));
  return (cut > 0 ? words.slice(0, cut) : words).join(' ');
}

const BoardContext = createContext<BoardContextValue | undefined>(undefined);

export function BoardProvider(props: { map: RegionMap; actions: LiveActions; rights: RoleRights; children: ReactNode }): ReactNode {
  const { map, actions, rights } = props;
  const value = useMemo((): BoardContextValue => {
    const stationById = new Map(map.stations.map((s) => [s.id, s]));
    const callsigns = new Map<string, string>();
    const english = new Map<string, string>();
    for (const s of map.stations) {
      const short = shortStationName(s.name);
      for (const u of s.units) {
        if (u.callsign) callsigns.set(u.id, u.callsign);
        const n = /-(\d+)$/.exec(u.id)?.[1];
        english.set(u.id, u.callsignEn ?? `${short} ${u.type}${n ? `-${n}` : ''}`);
      }
    }
    return {
      map,
      actions,
      rights,
      stationById,
      unitLabel: (id, lang) => (lang.startsWith('zh') ? (callsigns.get(id) ?? id) : (english.get(id) ?? id)),
      stationName: (id, lang) => {
        const s = stationById.get(id);
        return s ? (lang.startsWith('zh') ? s.nameZh : s.name) : id;
      },
    };
  }, [map, actions, rights]);
  return <BoardContext.Provider value={value}>{props.children}</BoardContext.Provider>;
}

export function useBoard(): BoardContextValue {
  const v = useContext(BoardContext);
  if (!v) throw new Error('useBoard outside BoardProvider');
  return v;
}
