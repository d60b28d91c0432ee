import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDemoLiveState } from './demo/buildDemoLiveState';
import { DemoSyncAgent } from './demo/DemoSyncAgent';
import { KubeEmulator } from './server/KubeEmulator';
import { readSeedObjects } from './seedFiles';

const USAGE = `Usage: yarn kube-emulator [--port 6443] [--host 127.0.0.1] [--tls] [--token <token>]...
         [--seed <dir|file>]... [--demo <gitops-repo> --cluster <name>]
         [--kubeconfig <file>] [--ca-file <file>] [--auto-sync <git-repo> [--auto-sync-branch main] [--auto-sync-delay <seconds>]]

  --tls         serve HTTPS with a CA and server certificate made at start
  --demo        seed the demo's live state of --cluster from a GitOps repository
                (examples/gitops-repo), with its deliberate drifts
  --kubeconfig  write a kubeconfig for this server (with the first token, and the CA under --tls)
  --ca-file     write the CA certificate (PEM) under --tls
  --auto-sync   with --cluster: act as the demo's GitOps operator, applying the environments of
                that repository that ask for automated sync (annotation
                gitops.shipshape.dev/sync-policy: automated) on every new revision of the branch,
                --auto-sync-delay seconds after it appears (default 0), and pruning what
                Git no longer declares
`;

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', multiple: true },
      token: { type: 'string', multiple: true },
      kubeconfig: { type: 'string' },
      tls: { type: 'boolean' },
      'ca-file': { type: 'string' },
      demo: { type: 'string' },
      cluster: { type: 'string' },
      'auto-sync': { type: 'string' },
      'auto-sync-branch': { type: 'string', default: 'main' },
      'auto-sync-delay': { type: 'string', default: '0' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  // `yarn kube-emulator` runs in the package's folder, and yarn hides where it was called from:
  // relative paths are taken from the repository root (PROJECT_CWD, set by yarn).
  const resolve = (file: string) =>
    path.resolve(process.env.PROJECT_CWD ?? process.cwd(), file);
  if (values['ca-file'] && !values.tls)
    throw new Error('--ca-file needs --tls');
  if (values.demo && !values.cluster) throw new Error('--demo needs --cluster');
  if (values['auto-sync'] && !values.cluster)
    throw new Error('--auto-sync needs --cluster');
  const autoSyncDelay = Number(values['auto-sync-delay']);
  if (!(autoSyncDelay >= 0))
    throw new Error('--auto-sync-delay takes a number of seconds');
  if (values['auto-sync'] && !values.token?.length)
    throw new Error('--auto-sync needs --token');
  // Read everything before listening: bad input fails without a half-started server.
  const demo = values.demo
    ? buildDemoLiveState(resolve(values.demo)).find(
        c => c.name === values.cluster,
      )
    : undefined;
  if (values.demo && !demo)
    throw new Error(
      `no environment of ${values.demo} runs on cluster ${values.cluster}`,
    );
  const seeds = (values.seed ?? []).map(seed => ({
    seed,
    objects: readSeedObjects(resolve(seed)),
  }));

  const emulator = await KubeEmulator.start({
    port: Number(values.port),
    host: values.host,
    tokens: values.token,
    tls: values.tls,
  });
  if (demo) {
    await emulator.seed(demo.objects);
    process.stderr.write(
      `seeded ${demo.objects.length} object(s) of ${demo.name} from ${values.demo}\n`,
    );
  }
  for (const { seed, objects } of seeds) {
    await emulator.seed(objects);
    process.stderr.write(`seeded ${objects.length} object(s) from ${seed}\n`);
  }
  if (values['ca-file']) {
    writeFile(resolve(values['ca-file']), emulator.caCertificate!, 0o644);
    process.stderr.write(`CA certificate written to ${values['ca-file']}\n`);
  }
  // Written last: a kubeconfig on disk means the server is ready.
  if (values.kubeconfig) {
    writeFile(
      resolve(values.kubeconfig),
      emulator.kubeconfig(values.cluster ?? 'emulator'),
      0o600,
    );
    process.stderr.write(`kubeconfig written to ${values.kubeconfig}\n`);
  }
  process.stderr.write(
    `Kubernetes API emulator listening on ${emulator.url}\n`,
  );
  const agent = values['auto-sync']
    ? DemoSyncAgent.create({
        repository: resolve(values['auto-sync']),
        branch: values['auto-sync-branch']!,
        cluster: values.cluster!,
        delayMs: autoSyncDelay * 1000,
        server: {
          url: emulator.url,
          token: values.token![0],
          ca: emulator.caCertificate,
        },
      })
    : undefined;
  agent?.start();
  const stop = () =>
    Promise.resolve(agent?.stop())
      .then(() => emulator.stop())
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Replaces the file in one step, so a reader never sees half of it. */
function writeFile(file: string, content: string, mode: number) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, content, { mode });
  fs.renameSync(partial, file);
}

main().catch(error => {
  process.stderr.write(
    `kube-emulator: ${
      error instanceof Error ? error.message : error
    }\n${USAGE}`,
  );
  process.exit(2);
});
