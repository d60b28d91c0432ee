import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { KubeEmulator } from './server/KubeEmulator';
import { readSeedObjects } from './seedFiles';

const USAGE = `Usage: yarn kube-emulator [--port 6443] [--host 127.0.0.1] [--seed <dir|file>]... [--token <token>]... [--kubeconfig <file>]
`;

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', multiple: true },
      token: { type: 'string', multiple: true },
      kubeconfig: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await KubeEmulator.start({
    port: Number(values.port),
    host: values.host,
    tokens: values.token,
  });
  for (const seed of values.seed ?? []) {
    const objects = readSeedObjects(seed);
    await emulator.seed(objects);
    process.stderr.write(`seeded ${objects.length} object(s) from ${seed}\n`);
  }
  if (values.kubeconfig) {
    fs.writeFileSync(values.kubeconfig, emulator.kubeconfig(), { mode: 0o600 });
    process.stderr.write(`kubeconfig written to ${values.kubeconfig}\n`);
  }
  process.stderr.write(
    `Kubernetes API emulator listening on ${emulator.url}\n`,
  );
  const stop = () => emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(
    `kube-emulator: ${
      error instanceof Error ? error.message : error
    }\n${USAGE}`,
  );
  process.exit(2);
});
