// Sorting the short arrays of a hot path (a recommendation's few needs and chosen units, tens of
// thousands of times a metropolitan year): insertion in place, stable like Array.prototype.sort,
// which allocates a work copy and a sort state on every call.
export function sortShort<T>(a: T[], before: (x: T, y: T) => number): T[] {
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && before(a[j]!, x) > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}
