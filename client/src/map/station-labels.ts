// What a station marker says: its id, and on hover its name in the board's language with the units
// available there now (read from the store when asked, so the tooltip follows the live or replayed board).
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import type { RegionMap } from '../../../shared/map-data.ts';
import type { BoardStore } from '../live/board-store.ts';
import type { StationLabels } from './base-layers.ts';

export function useStationLabels(mapData: RegionMap | undefined, store: BoardStore, lang: string, t: TFunction): StationLabels {
  return useMemo(() => ({
    name: (id: string) => id,
    tooltip: (id: string) => {
      const st = mapData?.stations.find((s) => s.id === id);
      if (!st) return id;
      const b = store.getState().board;
      const units = st.units.map((u) => b?.units[u.id]).filter((u) => u !== undefined);
      const avail = units.filter((u) => u.status === 'inStation' || u.status === 'availableOnRoad').length;
      return `${lang.startsWith('zh') ? st.nameZh : st.name} · ${t('units.available', { available: avail, total: units.length })}`;
    },
  }), [mapData, store, lang, t]);
}
