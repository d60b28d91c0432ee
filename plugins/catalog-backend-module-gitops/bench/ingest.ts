/*
 * Ingestion benchmark of the GitOps entity provider: generates a repository of
 * ENVIRONMENTS environments x COMPONENTS components (3 manifests each), then times a full read
 * (fetch into a cold cache, tree listing, environment files, entities) and prints entities per
 * second and peak memory. Run: yarn bench (from the package or the repository root).
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitopsEntityProvider } from '../src/provider';

const ENVIRONMENTS = Number(process.env.BENCH_ENVIRONMENTS ?? 500);
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const logger: LoggerService = {
  error: message => console.error(message),
  warn: message => console.warn(message),
  info: () => {},
  debug: () => {},
  child: () => logger,
};

function generateRepository(dir: string) {
  const manifest = (kind: string, env: string, component: string) =>
    `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${component}\n  namespace: ${env}\n`;
  for (let e = 0; e < ENVIRONMENTS; e++) {
    const env = `env-${e}`;
    const envDir = path.join(dir, 'environments', env);
    fs.mkdirSync(envDir, { recursive: true });
    fs.writeFileSync(
      path.join(envDir, 'environment.yaml'),
      `apiVersion: gitops.shipshape.dev/v1alpha1
kind: Environment
metadata:
  name: ${env}
spec:
  type: ${['development', 'staging', 'production'][e % 3]}
  owner: group:default/team-${e % 7}
  clusters:
    - cluster: resource:default/cluster-${e % 4}
      namespace: ${env}
`,
    );
    for (let c = 0; c < COMPONENTS; c++) {
      const componentDir = path.join(envDir, `service-${c}`);
      fs.mkdirSync(componentDir);
      for (const kind of ['Deployment', 'Service', 'ConfigMap']) {
        fs.writeFileSync(
          path.join(componentDir, `${kind.toLowerCase()}.yaml`),
          manifest(kind, env, `service-${c}`),
        );
      }
    }
  }
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'bench',
        GIT_AUTHOR_EMAIL: 'bench@example.com',
        GIT_COMMITTER_NAME: 'bench',
        GIT_COMMITTER_EMAIL: 'bench@example.com',
      },
    });
  git('init', '--quiet', '-b', 'main');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'generated');
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-bench-'));
  try {
    const origin = path.join(work, 'origin');
    fs.mkdirSync(origin);
    let started = Date.now();
    generateRepository(origin);
    console.log(
      `generated ${ENVIRONMENTS} environments x ${COMPONENTS} components (${
        ENVIRONMENTS * COMPONENTS * 3
      } manifests) in ${Date.now() - started} ms`,
    );

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 5);
    for (let run = 1; run <= RUNS; run++) {
      let entities = 0;
      let deployments = 0;
      const provider = GitopsEntityProvider.create({
        repository: { url: origin, branch: 'main', root: 'environments' },
        cacheDirectory: path.join(work, `cache-${run}`),
        logger,
      });
      await provider.connect({
        refresh: async () => {},
        applyMutation: async mutation => {
          if (mutation.type !== 'full')
            throw new Error('expected a full mutation');
          entities = mutation.entities.length;
          deployments = mutation.entities.reduce(
            (sum, { entity }) =>
              sum + ((entity.spec?.deployments as unknown[]) ?? []).length,
            0,
          );
        },
      });
      started = performance.now();
      await provider.refresh();
      const seconds = (performance.now() - started) / 1000;
      if (
        entities !== ENVIRONMENTS ||
        deployments !== ENVIRONMENTS * COMPONENTS
      ) {
        throw new Error(
          `read ${entities} environments with ${deployments} deployments`,
        );
      }
      console.log(
        `run ${run}: ${entities} environment entities (${deployments} deployments) in ${seconds.toFixed(
          2,
        )} s = ${Math.round(entities / seconds)} entities/s, ${Math.round(
          deployments / seconds,
        )} deployments/s`,
      );
    }
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    console.log(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
