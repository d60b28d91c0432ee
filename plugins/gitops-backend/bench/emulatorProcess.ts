/*
 * The benchmark's clusters, in a process of their own (pinned to another core than the backend's):
 * N emulated Kubernetes API servers seeded with the scenario's live objects. Over IPC it edits
 * ConfigMaps at a rate (recording when the emulator stored each edit), reports how many requests
 * each server answered, and runs the HTTP load against the backend's status route.
 * It also generates the GitOps repository, and a one-component cluster and repository for the
 * warm-up (WARM_UP). Started by runScenario.ts with the scenario, the repository's directory and
 * the warm-up repository's directory as arguments; not meant to be run by hand.
 */
import { KubeEmulator } from '@shipshape/kube-emulator';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  clusterOf,
  clusterRef,
  componentName,
  componentYaml,
  EDITED_KEY,
  editTarget,
  editValue,
  environmentName,
  FromEmulators,
  liveObjectsOfCluster,
  now,
  ORIGINAL_VALUE,
  Scenario,
  TOKEN,
  ToEmulators,
  WARM_UP,
} from './workload';

const send = (message: FromEmulators) => process.send!(message);

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'bench',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'bench',
      GIT_COMMITTER_EMAIL: 'bench@example.com',
    },
  }).trim();
}

/** The GitOps repository: environment files and 20 manifests per component, one commit. */
function generateRepository(s: Scenario, dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  for (let e = 0; e < s.environments; e++) {
    const environment = environmentName(e);
    const envDir = path.join(dir, 'environments', environment);
    fs.mkdirSync(envDir, { recursive: true });
    fs.writeFileSync(
      path.join(envDir, 'environment.yaml'),
      `apiVersion: gitops.shipshape.dev/v1alpha1
kind: Environment
metadata:
  name: ${environment}
spec:
  type: ${['development', 'staging', 'production'][e % 3]}
  owner: group:default/team-${e % 7}
  clusters:
    - cluster: ${clusterRef(clusterOf(s, e))}
      namespace: ${environment}
`,
    );
    for (let c = 0; c < s.componentsPerEnvironment; c++) {
      const name = componentName(s, e, c);
      const componentDir = path.join(envDir, name);
      fs.mkdirSync(componentDir);
      for (const { file, text } of componentYaml(
        name,
        e * s.componentsPerEnvironment + c,
      )) {
        fs.writeFileSync(path.join(componentDir, file), text);
      }
    }
  }
  git(dir, 'init', '--quiet', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'generated');
}

async function main() {
  const s: Scenario = JSON.parse(process.argv[2]);
  const repository = process.argv[3];
  let started = now();
  generateRepository(s, repository);
  const revision = git(repository, 'rev-parse', 'HEAD');
  const repositorySeconds = (now() - started) / 1000;
  generateRepository(WARM_UP, process.argv[4]);
  const warmUp = await KubeEmulator.start({
    tokens: [TOKEN],
    controllerDelayMs: false,
  });
  await warmUp.seed(liveObjectsOfCluster(WARM_UP, 0));
  started = now();
  const emulators: KubeEmulator[] = [];
  const requestCounts: number[] = [];
  let objects = 0;
  for (let cluster = 0; cluster < s.clusters; cluster++) {
    const emulator = await KubeEmulator.start({
      tokens: [TOKEN],
      controllerDelayMs: false,
      // A real API server keeps about 5 minutes of watch history; keep enough not to expire
      // watches that resume during the event phases.
      historyLimit: 100_000,
    });
    const index = emulators.length;
    emulators.push(emulator);
    requestCounts.push(0);
    // KubeEmulator has no request counter: count on its HTTP server.
    const server = (emulator as unknown as { server?: http.Server }).server;
    if (!(server instanceof http.Server)) {
      throw new Error(
        'KubeEmulator no longer keeps its HTTP server in `server`',
      );
    }
    server.on('request', () => {
      requestCounts[index] += 1;
    });
    const live = liveObjectsOfCluster(s, cluster);
    await emulator.seed(live);
    objects += live.length;
  }

  // When the emulator stored each edit, by "cluster/namespace/name" of the ConfigMap.
  const waiting = new Map<string, (at: number) => void>();
  emulators.forEach((emulator, cluster) => {
    emulator.store.subscribe(event => {
      if (event.typeKey !== '/configmaps') return;
      const { namespace, name } = event.object.metadata;
      const key = `${cluster}/${namespace}/${name}`;
      const resolve = waiting.get(key);
      if (resolve) {
        waiting.delete(key);
        resolve(now());
      }
    });
  });

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let firstFailure: string | undefined;
  /** Resolves with when the emulator stored the edit; undefined when it could not be made. */
  const patch = async (index: number, value: string) => {
    const target = editTarget(s, index);
    const key = `${target.cluster}/${target.namespace}/${target.name}`;
    let storedAt: number | undefined;
    const stored = new Promise<number>(resolve =>
      waiting.set(key, at => {
        storedAt = at;
        resolve(at);
      }),
    );
    const url = new URL(
      `/api/v1/namespaces/${target.namespace}/configmaps/${target.name}`,
      emulators[target.cluster].url,
    );
    const body = JSON.stringify({ data: { [EDITED_KEY]: value } });
    const attempt = () =>
      new Promise<boolean>(resolve => {
        const req = http.request(
          url,
          {
            method: 'PATCH',
            agent,
            headers: {
              authorization: `Bearer ${TOKEN}`,
              'content-type': 'application/merge-patch+json',
              'content-length': Buffer.byteLength(body),
            },
          },
          res => {
            res.resume();
            res.on('end', () => {
              if (res.statusCode !== 200)
                firstFailure ??= `HTTP ${res.statusCode}`;
              resolve(res.statusCode === 200);
            });
          },
        );
        req.on('error', error => {
          firstFailure ??= String(error);
          resolve(false);
        });
        req.end(body);
      });
    // A kept-alive connection the server has just closed fails the request: try again.
    for (let tries = 0; tries < 3; tries++) {
      if (await attempt()) return await stored;
      if (storedAt !== undefined) return storedAt;
    }
    waiting.delete(key);
    return undefined;
  };

  const edit = async (
    message: Extract<ToEmulators, { type: 'edit' }>,
  ): Promise<FromEmulators> => {
    const writes: Array<[number, number]> = [];
    const outcome = { failed: 0 };
    const inFlight = new Set<Promise<void>>();
    const start = now();
    for (let i = 0; i < message.count; i++) {
      if (message.rate > 0) {
        const due = start + (i * 1000) / message.rate;
        const wait = due - now();
        if (wait > 1) await new Promise(resolve => setTimeout(resolve, wait));
      } else if (inFlight.size >= 64) {
        await Promise.race(inFlight);
      }
      const seq = message.first + i;
      const value = message.revert ? ORIGINAL_VALUE : editValue(seq);
      const task: Promise<void> = patch(message.from + i, value).then(at => {
        inFlight.delete(task);
        if (at === undefined) outcome.failed += 1;
        else writes.push([seq, at]);
      });
      inFlight.add(task);
    }
    await Promise.all(inFlight);
    if (outcome.failed > 0) {
      console.error(
        `${outcome.failed} edits failed, the first: ${firstFailure}`,
      );
    }
    const times = writes.map(([, at]) => at);
    return {
      type: 'edited',
      writes,
      failed: outcome.failed,
      firstWriteAt: Math.min(...times),
      lastWriteAt: Math.max(...times),
    };
  };

  const load = async (
    message: Extract<ToEmulators, { type: 'load' }>,
  ): Promise<FromEmulators> => {
    let next = 0;
    const result = await autocannon({
      url: message.url,
      connections: message.connections,
      duration: message.durationSeconds,
      requests: [
        {
          method: 'GET',
          setupRequest: request => {
            const nextPath = message.paths[next % message.paths.length];
            next += 1;
            return { ...request, path: nextPath };
          },
        },
      ],
    });
    return {
      type: 'loaded',
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      latency: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      requestsPerSecond: result.requests.average,
    };
  };

  process.on('message', (message: ToEmulators) => {
    const reply = async (): Promise<FromEmulators | undefined> => {
      switch (message.type) {
        case 'edit':
          return await edit(message);
        case 'requests':
          return { type: 'requests', counts: [...requestCounts] };
        case 'load':
          return await load(message);
        default:
          agent.destroy();
          await Promise.all([...emulators, warmUp].map(e => e.stop()));
          process.exit(0);
      }
      return undefined;
    };
    reply().then(
      answer => answer && send(answer),
      error => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  // The benchmark went away: do not outlive it.
  process.on('disconnect', () => process.exit(0));

  send({
    type: 'ready',
    urls: emulators.map(e => e.url),
    warmUpUrl: warmUp.url,
    objects,
    revision,
    repositorySeconds,
    seedSeconds: (now() - started) / 1000,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
