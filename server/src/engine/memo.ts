/**
 * Caches a pure function of a string. Manifests repeat the same images and quantities across
 * hundreds of documents, and several rules parse each of them, so most calls are repeats.
 * The cache is dropped whole when full: bounded memory, no bookkeeping per hit.
 */
export function memoizeByString<T>(fn: (text: string) => T, capacity = 2048): (text: string) => T {
  let cache = new Map<string, T>();
  return (text) => {
    if (cache.has(text)) return cache.get(text) as T;
    const value = fn(text);
    if (cache.size >= capacity) cache = new Map();
    cache.set(text, value);
    return value;
  };
}
