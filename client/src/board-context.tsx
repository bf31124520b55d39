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
  /** Callsign (when the region names one) or id, per language. */
  unitLabel(unitId: string, lang: string): string;
  stationName(stationId: string, lang: string): string;
}

const BoardContext = createContext<BoardContextValue | undefined>(undefined);

export function BoardProvider(props: { map: RegionMap; actions: LiveActions; rights: RoleRights; children: ReactNode }): ReactNode {
  const { map, actions, rights } = props;
  const value = useMemo((): BoardContextValue => {
    const stationById = new Map(map.stations.map((s) => [s.id, s]));
    const callsigns = new Map<string, string>();
    for (const s of map.stations) for (const u of s.units) if (u.callsign) callsigns.set(u.id, u.callsign);
    return {
      map,
      actions,
      rights,
      stationById,
      unitLabel: (id, lang) => (lang.startsWith('zh') ? (callsigns.get(id) ?? id) : id),
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
