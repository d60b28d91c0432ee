#!/usr/bin/env node
// `yarn shipshape …`: the command-line front of the Shipshape engines (offline diff and health of
// manifests against live objects, like `argocd app diff` or `flux diff`). The engines arrive with
// the diff and health issue; until then this prints the planned usage and exits non-zero for any
// command, so no script can mistake it for a passing check.
const usage = `Usage: yarn shipshape <command> [options]

Commands (not yet available in this version):
  diff <desired-dir> <live-dir>    field-level drift between desired and live manifests
  health <live-dir>                health of live objects (Healthy, Progressing, Degraded, ...)

Options:
  -h, --help                       show this help
`;

const [command] = process.argv.slice(2);
if (!command || command === '-h' || command === '--help') {
  process.stdout.write(usage);
  process.exit(command ? 0 : 2);
}
process.stderr.write(
  `shipshape: '${command}' is not available yet\n\n${usage}`,
);
process.exit(2);
