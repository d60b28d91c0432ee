/*
 * The benchmark's clusters, in a process of their own (pinned to another core than the backend's):
 * N emulated Kubernetes API servers seeded with the scenario's live objects. Over IPC it edits
 * ConfigMaps at a rate (recording when the emulator stored each edit), reports how many requests
 * each server answered, and runs the HTTP load against the backend's status route.
 * Started by reconciler.ts with the scenario as its argument; not meant to be run by hand.
 */
import { KubeEmulator } from '@shipshape/kube-emulator';
import autocannon from 'autocannon';
import http from 'node:http';
import {
  EDITED_KEY,
  editTarget,
  editValue,
  FromEmulators,
  liveObjectsOfCluster,
  now,
  ORIGINAL_VALUE,
  Scenario,
  TOKEN,
  ToEmulators,
} from './workload';

const send = (message: FromEmulators) => process.send!(message);

async function main() {
  const s: Scenario = JSON.parse(process.argv[2]);
  const started = now();
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
  const patch = (index: number, value: string) => {
    const target = editTarget(s, index);
    const key = `${target.cluster}/${target.namespace}/${target.name}`;
    const stored = new Promise<number>(resolve => waiting.set(key, resolve));
    const url = new URL(
      `/api/v1/namespaces/${target.namespace}/configmaps/${target.name}`,
      emulators[target.cluster].url,
    );
    const body = JSON.stringify({ data: { [EDITED_KEY]: value } });
    const done = new Promise<boolean>(resolve => {
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
          res.on('end', () => resolve(res.statusCode === 200));
        },
      );
      req.on('error', () => resolve(false));
      req.end(body);
    });
    return done.then(async ok => {
      if (!ok) {
        waiting.delete(key);
        return undefined;
      }
      return await stored;
    });
  };

  const edit = async (
    message: Extract<ToEmulators, { type: 'edit' }>,
  ): Promise<FromEmulators> => {
    const writes: Array<[number, number]> = [];
    let failed = 0;
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
        if (at === undefined) failed += 1;
        else writes.push([seq, at]);
      });
      inFlight.add(task);
    }
    await Promise.all(inFlight);
    const times = writes.map(([, at]) => at);
    return {
      type: 'edited',
      writes,
      failed,
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
            const path = message.paths[next % message.paths.length];
            next += 1;
            return { ...request, path };
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
          await Promise.all(emulators.map(e => e.stop()));
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
    objects,
    seedSeconds: (now() - started) / 1000,
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
