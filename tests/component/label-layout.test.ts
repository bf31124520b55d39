// The map's label de-cluttering and opening view, as pure functions over screen boxes and the demo
// county's real map data: overlapping labels give way to more important ones, repeated names are
// shown once, labels cut by the map's edge are left out, towns outrank villages and show from the
// county view, and the opening view frames the county, not the reinforcement stations 40-150 km away.
import { describe, expect, it } from 'vitest';
import { declutterLabels, estimateTextWidth, featureRank, placeRank, type LabelBox } from '../../client/src/map/label-layout.ts';
import { homeBounds } from '../../client/src/map/home-view.ts';
import { loadWorld } from '../../server/scenario/load-world.ts';
import { loadRoadNetwork } from '../../server/geo/region-roads.ts';
import { buildRegionMap } from '../../server/geo/region-map.ts';

const world = loadWorld({});
const MAP = buildRegionMap(world, loadRoadNetwork('seeds', world.region));

const box = (id: string, rank: number, x: number, y: number, w = 60, h = 14, text = id): LabelBox => ({ id, rank, text, x0: x, y0: y, x1: x + w, y1: y + h });
const VIEW = { width: 800, height: 600, gap: 2 };

describe('declutterLabels', () => {
  it('drops the less important of two overlapping labels, whatever order they come in', () => {
    const village = box('village', 3, 100, 100);
    const town = box('town', 1, 130, 105);
    expect([...declutterLabels([village, town], VIEW)]).toEqual(['town']);
    expect([...declutterLabels([town, village], VIEW)]).toEqual(['town']);
  });

  it('keeps labels that do not touch, and keeps the gap between neighbours', () => {
    const shown = declutterLabels([box('a', 3, 100, 100), box('b', 3, 170, 100), box('c', 3, 100, 115)], VIEW);
    expect([...shown].sort()).toEqual(['a', 'b']); // c starts 1 px below a: inside the 2 px gap
    expect(declutterLabels([box('a', 3, 100, 100), box('c', 3, 100, 117)], VIEW).size).toBe(2);
  });

  it('among equals, the first listed wins; a dropped label does not block a later one', () => {
    // b overlaps a and is dropped; c overlaps only b, so it is shown.
    const shown = declutterLabels([box('a', 2, 100, 100), box('b', 2, 150, 100), box('c', 2, 205, 100)], VIEW);
    expect([...shown]).toEqual(['a', 'c']);
  });

  it('shows a name once (a town and its township share 大圩镇), and only labels wholly on screen', () => {
    const shown = declutterLabels([box('town', 1, 100, 100, 40, 14, '大圩镇'), box('township', 4, 400, 300, 40, 14, '大圩镇'), box('edge', 1, 780, 10), box('above', 1, 300, -5)], VIEW);
    expect([...shown]).toEqual(['town']);
  });

  it('lays out a thousand crowded labels with no two overlapping', () => {
    const many = Array.from({ length: 1000 }, (_, i) => box(`l${i}`, i % 4, (i * 37) % 740, (i * 53) % 580, 40 + (i % 30), 14));
    const shown = [...declutterLabels(many, VIEW)].map((id) => many.find((b) => b.id === id)!);
    expect(shown.length).toBeGreaterThan(100);
    for (const [i, a] of shown.entries()) {
      for (const b of shown.slice(i + 1)) expect(a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  });
});

describe('label ranks on the demo county', () => {
  it('shows towns and the city from the county view; villages, sites and minor features only closer in', () => {
    const rankOf = (name: string) => placeRank(MAP.places.find((p) => p.name === name)!);
    expect(rankOf('Daxu Town')).toEqual({ rank: 1, minZoom: 0 });
    expect(rankOf('Qingshui City Centre').rank).toBe(1);
    expect(rankOf('Tangkou Village').rank).toBeGreaterThan(rankOf('Daxu Town').rank);
    expect(rankOf('Tangkou Village').minZoom).toBeGreaterThanOrEqual(12);
    expect(rankOf('Qingshui Old Town').minZoom).toBeGreaterThanOrEqual(12);
    const district = placeRank(MAP.places.find((p) => p.nameZh === '城中站辖区')!);
    expect(district.rank).toBe(2);
    const feature = (id: string) => featureRank(MAP.features.find((f) => f.id === id)!);
    expect(feature('river-qing').rank).toBeLessThan(feature('ic-shimen').rank);
    expect(feature('ic-shimen').minZoom).toBeGreaterThanOrEqual(12);
  });

  it('an imported region with no towns shows its places wherever they fit', () => {
    const village = MAP.places.find((p) => p.name === 'Tangkou Village')!;
    expect(placeRank(village, false).minZoom).toBe(0);
  });

  it('estimates text widths with square CJK glyphs when no canvas can measure', () => {
    expect(estimateTextWidth('大圩镇', 12)).toBe(36);
    expect(estimateTextWidth('Daxu Town', 12)).toBeCloseTo(9 * 12 * 0.58);
  });
});

describe('homeBounds (the opening view)', () => {
  it('frames every in-county jurisdiction and leaves out the outside reinforcement stations', () => {
    const [[s, w], [n, e]] = homeBounds(MAP);
    const inside = ([lat, lon]: readonly [number, number]): boolean => lat >= s && lat <= n && lon >= w && lon <= e;
    const inCounty = new Set(MAP.jurisdictions.filter((j) => ['urban-district', 'township', 'industrial-park'].includes(j.kind)).map((j) => j.id));
    for (const st of MAP.stations) expect(inside(st.location), st.id).toBe(inCounty.has(st.jurisdictionId));
    for (const p of MAP.places.filter((x) => x.kind === 'town')) expect(inside(p.at), p.name).toBe(true);
  });

  it('falls back to the grid when there are no in-county boundaries', () => {
    expect(homeBounds({ ...MAP, jurisdictions: MAP.jurisdictions.filter((j) => j.kind === 'neighbour') })).toEqual(MAP.bounds);
  });
});
