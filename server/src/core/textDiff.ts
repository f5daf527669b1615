// The smallest single replacement that turns one text into another: used
// where an operation is easiest to run in steps, but must reach the editor as
// one edit (one undo) that leaves everything else alone.

export function diffEdit(before: string, after: string): { start: number; end: number; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}
