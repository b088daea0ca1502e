/**
 * A pure string function with its answers kept: label normalisation (NFKC and regexes) runs on the same
 * few hundred texts for every form tried and every field read. Bounded, so a huge sheet cannot grow it
 * without limit: past `max` entries it starts over.
 */
export function memoText<T>(fn: (text: string) => T, max = 20_000): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      if (seen.size >= max) seen.clear();
      out = fn(text);
      seen.set(text, out);
    }
    return out;
  };
}
