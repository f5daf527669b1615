// Small helpers over the `yaml` package's node types, so the sidecar reader
// reads as a description of the format rather than of YAML plumbing.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { clipText } from './limits';
import type { Span } from './model';

export type AnyNode = Node | null | undefined;

/** The span of a node's value (without a trailing comment or newline). */
export function spanOf(node: AnyNode, fallback: Span = { start: 0, end: 0 }): Span {
  const range = node?.range;
  if (!range) return fallback;
  return { start: range[0], end: range[1] };
}

/** The span of a pair, from the start of its key to the end of its value. */
export function pairSpan(pair: Pair): Span {
  const key = pair.key as AnyNode;
  const value = pair.value as AnyNode;
  const start = key?.range?.[0] ?? value?.range?.[0] ?? 0;
  const end = value?.range?.[1] ?? key?.range?.[1] ?? start;
  return { start, end };
}

/**
 * A scalar key's text ('' for a missing key); undefined for a key that is a
 * collection or an alias. Such a key is never turned into text: the text of
 * flow maps nested as keys doubles with each level (30 braces: 1.6 GB).
 */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key as AnyNode;
  if (key === null || key === undefined) return '';
  return isScalar(key) ? String(key.value) : undefined;
}

/** A scalar's value as text (numbers and booleans as YAML wrote them), else undefined. */
export function scalarText(node: AnyNode): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return typeof node.source === 'string' ? node.source : String(value);
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return undefined;
}

export function isNullish(node: AnyNode): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

export function describeNode(node: AnyNode): string {
  if (isNullish(node)) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return typeof node.value === 'string' ? 'text' : `${typeof node.value} ${clipText(String(node.value), 40)}`;
  return 'an alias or unsupported node';
}

export function asMap(node: AnyNode): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: AnyNode): YAMLSeq | undefined {
  return isSeq(node) ? node : undefined;
}

/** A span widened, if need be, so that neither end falls between the two halves of a surrogate pair. */
export function codePointSpan(text: string, start: number, end: number): Span {
  const inside = (at: number): boolean => at > 0 && at < text.length && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1));
  return { start: inside(start) ? start - 1 : start, end: inside(end) ? end + 1 : end };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
