/** npm run validate: every questionnaire, translation and scenario, checked as the app loads them. */
import { validateAll } from './validate-all';

const report = validateAll();
for (const problem of report.problems) process.stderr.write(`error: ${problem}\n`);
process.stdout.write(`validate: ${report.checked} files checked, ${report.problems.length} with problems\n`);
process.exitCode = report.problems.length === 0 ? 0 : 1;
