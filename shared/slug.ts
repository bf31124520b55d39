// Ids made from names (a scenario, a region, an exercise): lower-case a-z, 0-9 and single hyphens.
// Letters with accents keep their base letter (NFKD splits "ü" into "u" and a combining mark, which
// is dropped: "Zürich" → "zurich", not "zu-rich"); other scripts drop out, so a Chinese-only name
// gives '' and the caller picks a fallback.

export function slugOf(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
