// Prints "N passed, N failed" from Vitest's JSON report. A run that failed before
// Vitest started (lint, types, validation) counts as one failure, never as zero.
import { existsSync, readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
let passed = 0;
let failed = 0;
if (existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numTodoTests ?? 0) + (report.numPendingTests ?? 0);
  if (report.numTotalTestSuites > 0 && report.testResults?.some((r) => r.status === 'failed' && r.assertionResults.length === 0)) failed += 1;
}
if (Number(status) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
