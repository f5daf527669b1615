// Runs inside the VS Code extension host: a tiny sequential runner that
// prints node-test-like lines and a closing "N passed, N failed" line.
import { tests } from './extension.test';

export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  for (const [name, body] of tests) {
    try {
      await body();
      passed++;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}\n  ${(error as Error)?.stack ?? error}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} VS Code integration test(s) failed`);
}
