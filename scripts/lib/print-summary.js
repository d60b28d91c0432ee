// Prints the per-suite table and the closing line "N passed, N failed"; exits 1 on any failure.
const fs = require('fs');

const [summaryFile, startedAt] = process.argv.slice(2);
const rows = fs
  .readFileSync(summaryFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map(line => {
    const [suite, passed, failed] = line.split('\t');
    return { suite, passed: Number(passed), failed: Number(failed) };
  });

let passed = 0;
let failed = 0;
console.log('\nsuite            passed  failed');
for (const row of rows) {
  passed += row.passed;
  failed += row.failed;
  console.log(
    `${row.suite.padEnd(16)} ${String(row.passed).padStart(6)}  ${String(
      row.failed,
    ).padStart(6)}`,
  );
}
const seconds = Math.round(Date.now() / 1000 - Number(startedAt));
console.log(
  `wall time of the suites: ${Math.floor(seconds / 60)}m${seconds % 60}s\n`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || rows.length === 0 ? 1 : 0);
