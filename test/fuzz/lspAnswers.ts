// What the server fuzz needs to read the server's answers: LSP positions
// over a text (lines ended by \n, \r\n or a lone \r, as LSP counts them),
// and parsed sidecars compared place by place (one list item, one id entry),
// including what a rename should leave.
import { isDeepStrictEqual } from 'node:util';
import { show } from './yamlCompare';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Position {
  line: number;
  character: number;
}

/** Line starts as LSP counts lines (\n, \r\n and a lone \r end a line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

export function positionAt(starts: number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low]! };
}

/** The offset of a position, or a reason it is not a position in the text. */
export function offsetOf(text: string, starts: number[], p: Position): number | string {
  if (!Number.isInteger(p?.line) || !Number.isInteger(p?.character) || p.line < 0 || p.character < 0) return `not a position: ${show(p)}`;
  if (p.line >= starts.length) return `line ${p.line} past the last line (${starts.length - 1})`;
  const start = starts[p.line]!;
  const next = p.line + 1 < starts.length ? starts[p.line + 1]! : text.length;
  const lineEnd = text.slice(start, next).replace(/\r?\n$|\r$/, '').length + start;
  if (start + p.character > lineEnd) return `character ${p.character} past the end of line ${p.line} (${lineEnd - start})`;
  return start + p.character;
}

/** The places where two parsed sidecars differ: a list item, an id entry, or a whole other section. */
export function changedPlaces(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const places: string[] = [];
  const same = isDeepStrictEqual;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    if (Array.isArray(b) && (a === undefined || a === null || Array.isArray(a))) {
      const old = (a ?? []) as unknown[];
      for (let i = 0; i < Math.max(old.length, b.length); i++) if (!same(old[i], b[i])) places.push(`${key}[${i}]`);
    } else if (b && typeof b === 'object' && (a === undefined || a === null || (typeof a === 'object' && !Array.isArray(a)))) {
      const old = (a ?? {}) as Record<string, unknown>;
      const now = b as Record<string, unknown>;
      for (const id of new Set([...Object.keys(old), ...Object.keys(now)])) if (!same(old[id], now[id])) places.push(`${key}.${id}`);
    } else places.push(key);
  }
  return places;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The parsed sidecar with an id renamed where it is defined (same place in the order) and wherever it is used. */
export function renamedData(data: Record<string, unknown>, section: 'entities' | 'sources', from: string, to: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  out[section] = Object.fromEntries(Object.entries(asRecord(data[section])).map(([id, value]) => [id === from ? to : id, value]));
  const rename = (v: unknown): unknown => (v === from ? to : v);
  const uses: [string, string][] = section === 'entities' ? [['claims', 'attributed-to'], ['mentions', 'entity']] : [['claims', 'sources']];
  for (const [list, field] of uses) {
    const items = data[list];
    if (!Array.isArray(items)) continue;
    out[list] = items.map((item) => {
      const record = asRecord(item);
      if (item !== record || !(field in record)) return item;
      const value = record[field];
      return { ...record, [field]: Array.isArray(value) ? value.map(rename) : rename(value) };
    });
  }
  return out;
}

export function hoverText(hover: Json): string {
  const contents = hover?.contents;
  if (!contents) return '';
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : String(c?.value ?? ''))).join('\n');
  return String(contents.value ?? '');
}
