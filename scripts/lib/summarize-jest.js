// Reads jest's --json output and prints one summary row: "jest<TAB>passed<TAB>failed".
// Suites that failed to run (syntax errors, failing imports) count as failures too.
const fs = require('fs');

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const brokenSuites = report.testResults.filter(
  suite => suite.status === 'failed' && suite.assertionResults.length === 0,
).length;
process.stdout.write(
  `jest\t${report.numPassedTests}\t${report.numFailedTests + brokenSuites}\n`,
);
if (report.numTotalTests === 0) {
  process.stderr.write('jest ran no tests\n');
  process.exit(1);
}
