/** Dotted model paths ('lineItems.3.amount') over plain JSON. */
type Json = unknown;

export function getPath(obj: Json, path: string): Json {
  let cur: Json = obj;
  for (const seg of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, Json>)[seg];
  }
  return cur;
}

export function setPath(obj: Record<string, Json>, path: string, value: Json): void {
  const segs = path.split('.');
  let cur: Record<string, Json> = obj;
  segs.slice(0, -1).forEach((seg, i) => {
    const nextIsIndex = /^\d+$/.test(segs[i + 1]);
    if (cur[seg] === undefined || cur[seg] === null || typeof cur[seg] !== 'object')
      cur[seg] = nextIsIndex ? [] : {};
    cur = cur[seg] as Record<string, Json>;
  });
  cur[segs[segs.length - 1]] = value;
}

/** Remove the value at a path; a path that leads nowhere changes nothing. */
export function deletePath(obj: Record<string, Json>, path: string): void {
  const segs = path.split('.');
  const parent = segs.length > 1 ? getPath(obj, segs.slice(0, -1).join('.')) : obj;
  if (parent && typeof parent === 'object') delete (parent as Record<string, Json>)[segs[segs.length - 1]];
}
