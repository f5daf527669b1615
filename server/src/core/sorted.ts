// Binary search over sorted offsets, shared by the text structure and mention resolution.

/** How many elements of an ascending array are below `value` (the index where `value` would be inserted before equals). */
export function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
