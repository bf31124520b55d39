// Tables made once per object they are worked out from (a road network, a graph, a weighting) and
// kept only while that object lives: a WeakMap from the object to its table.

/** The value `cache` holds for `key`, made by `make` the first time it is asked for. */
export function cached<K extends object, V>(cache: WeakMap<K, V>, key: K, make: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make(key)));
  return value;
}

/** The value `cache` holds for the pair (`a`, `b`), made by `make` the first time it is asked for. */
export function cachedPair<A extends object, B extends object, V>(cache: WeakMap<A, WeakMap<B, V>>, a: A, b: B, make: (a: A, b: B) => V): V {
  return cached(cached(cache, a, () => new WeakMap<B, V>()), b, (key) => make(a, key));
}
