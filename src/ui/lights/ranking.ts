/**
 * The first `limit` of the filtered points in a global order (every point sorted once, by consumption):
 * equal to sorting the filtered points and keeping the head, without a sort on each filter change.
 * `filtered` holds indices below `size`.
 */
export function firstInOrder(
  order: Uint32Array,
  filtered: ArrayLike<number>,
  size: number,
  limit: number,
): Uint32Array {
  const wanted = new Uint8Array(size);
  for (let k = 0; k < filtered.length; k++) wanted[filtered[k]!] = 1;
  const out = new Uint32Array(Math.min(limit, filtered.length));
  let n = 0;
  for (let k = 0; k < order.length && n < out.length; k++) {
    const i = order[k]!;
    if (wanted[i]) out[n++] = i;
  }
  return out.subarray(0, n);
}
