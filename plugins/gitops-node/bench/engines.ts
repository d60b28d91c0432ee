/*
 * Benchmark of the diff and health engines: OBJECTS live objects (Deployments, Services and
 * ConfigMaps as an API server returns them: defaults, managedFields, status, last-applied; DRIFT
 * of them drifted) against their desired manifests. Prints objects per second and peak memory
 * for the full engine (load files, diff, health) next to a baseline in the same run that only
 * parses the same files and deep-compares the pairs naively. Run: yarn bench.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import {
  DefaultResourceHealthChecker,
  diffResource,
  identityKey,
  KubernetesObject,
  loadManifests,
  resourceIdentity,
} from '../src';

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 20000);
const DRIFT = Number(process.env.BENCH_DRIFT ?? 0.05);
const FILES = 200;

function desiredObject(i: number): KubernetesObject {
  const name = `svc-${i}`;
  const namespace = `team-${i % 40}`;
  const labels = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': 'bench',
  };
  switch (i % 3) {
    case 0:
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace, labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: { 'app.kubernetes.io/name': name } },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: `registry.example.com/bench/${name}:1.0.${i % 10}`,
                  ports: [{ name: 'http', containerPort: 8080 }],
                  env: [
                    { name: 'LOG_LEVEL', value: 'info' },
                    {
                      name: 'UPSTREAM',
                      value: `http://up-${i}.${namespace}.svc`,
                    },
                  ],
                  resources: {
                    requests: { cpu: '0.25', memory: '256Mi' },
                    limits: { cpu: 1, memory: '1Gi' },
                  },
                },
              ],
            },
          },
        },
      };
    case 1:
      return {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace, labels },
        spec: {
          selector: { 'app.kubernetes.io/name': name },
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        },
      };
    default:
      return {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace, labels },
        data: { LOG_LEVEL: 'info', FEATURE_X: 'true', TIMEOUT: '30s' },
      };
  }
}

/** The object as the API server returns it after `kubectl apply`, drifted when asked. */
function liveObject(
  desired: KubernetesObject,
  i: number,
  drifted: boolean,
): KubernetesObject {
  const live: any = structuredClone(desired);
  live.metadata = {
    ...live.metadata,
    uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    resourceVersion: String(100000 + i),
    generation: 1,
    creationTimestamp: '2026-11-01T10:00:00Z',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration':
        JSON.stringify(desired),
    },
    managedFields: [
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: desired.apiVersion,
        time: '2026-11-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { '.': {} } }, 'f:spec': {} },
      },
    ],
  };
  if (desired.kind === 'Deployment') {
    live.metadata.annotations['deployment.kubernetes.io/revision'] = '1';
    Object.assign(live.spec, {
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
    });
    const pod = live.spec.template;
    pod.metadata.creationTimestamp = null;
    Object.assign(pod.spec, {
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    const [container] = pod.spec.containers;
    Object.assign(container, {
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    });
    container.ports[0].protocol = 'TCP';
    container.resources = {
      requests: { cpu: '250m', memory: '256Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    };
    container.env.reverse();
    if (drifted) container.image = `${container.image}-hotfix`;
    live.status = {
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          lastTransitionTime: '2026-11-01T10:00:20Z',
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          lastTransitionTime: '2026-11-01T10:00:20Z',
        },
      ],
    };
  } else if (desired.kind === 'Service') {
    Object.assign(live.spec, {
      clusterIP: `10.96.${Math.floor(i / 250) % 256}.${i % 250}`,
      clusterIPs: [`10.96.${Math.floor(i / 250) % 256}.${i % 250}`],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    live.spec.ports[0].protocol = 'TCP';
    if (drifted) live.spec.selector['app.kubernetes.io/name'] = 'other';
    live.status = { loadBalancer: {} };
  } else if (drifted) {
    live.data.FEATURE_X = 'false';
  }
  return live;
}

function peakRssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'engines-bench-'));
  try {
    const desiredDir = path.join(work, 'desired');
    fs.mkdirSync(desiredDir);
    const desired = Array.from({ length: OBJECTS }, (_, i) => desiredObject(i));
    const driftEvery = Math.round(1 / DRIFT);
    const live = desired.map((object, i) =>
      liveObject(object, i, i % driftEvery === 7 % driftEvery),
    );
    const perFile = Math.ceil(OBJECTS / FILES);
    for (let f = 0; f < FILES; f++) {
      const docs = desired.slice(f * perFile, (f + 1) * perFile);
      fs.writeFileSync(
        path.join(desiredDir, `part-${String(f).padStart(3, '0')}.yaml`),
        docs.map(d => stringify(d)).join('---\n'),
      );
    }
    const liveFile = path.join(work, 'live.yaml');
    fs.writeFileSync(
      liveFile,
      stringify({ apiVersion: 'v1', kind: 'List', items: live }),
    );
    const expectedDrift = live.filter(
      (_, i) => i % driftEvery === 7 % driftEvery,
    ).length;
    console.log(
      `${OBJECTS} live objects (${expectedDrift} drifted) against ${OBJECTS} desired manifests in ${FILES} files; live file ${mib(
        fs.statSync(liveFile).size,
      )}`,
    );

    // Baseline: parse the same files, pair by kind/namespace/name, deep-compare naively.
    global.gc?.();
    let stopSampler = peakRssSampler();
    let started = performance.now();
    const parseAll = (text: string) =>
      parseAllDocuments(text).map(doc => doc.toJS());
    const baselineDesired = fs
      .readdirSync(desiredDir)
      .flatMap(f =>
        parseAll(fs.readFileSync(path.join(desiredDir, f), 'utf8')),
      );
    const baselineLive = new Map<string, any>();
    for (const item of parseAll(fs.readFileSync(liveFile, 'utf8'))[0].items) {
      baselineLive.set(
        `${item.kind}/${item.metadata.namespace}/${item.metadata.name}`,
        item,
      );
    }
    let naiveDifferent = 0;
    for (const object of baselineDesired) {
      const other = baselineLive.get(
        `${object.kind}/${object.metadata.namespace}/${object.metadata.name}`,
      );
      if (
        !isDeepStrictEqual(
          object.spec ?? object.data,
          other?.spec ?? other?.data,
        )
      )
        naiveDifferent++;
    }
    const baselineSeconds = (performance.now() - started) / 1000;
    const baselinePeak = stopSampler();
    console.log(
      `baseline (parse + naive deep compare): ${baselineSeconds.toFixed(
        2,
      )} s = ${Math.round(OBJECTS / baselineSeconds)} objects/s, peak RSS ${mib(
        baselinePeak,
      )} (naively "different": ${naiveDifferent}, all false positives but ${expectedDrift})`,
    );

    global.gc?.();
    stopSampler = peakRssSampler();
    started = performance.now();
    const [loadedDesired, loadedLive] = await Promise.all([
      loadManifests(desiredDir),
      loadManifests(liveFile, { maxFileBytes: 1024 * 1024 * 1024 }),
    ]);
    const loadErrors = [...loadedDesired.errors, ...loadedLive.errors];
    if (loadErrors.length > 0) {
      throw new Error(
        `could not load the generated files: ${JSON.stringify(loadErrors[0])}`,
      );
    }
    const liveByKey = new Map(
      loadedLive.manifests.map(m => [
        identityKey(resourceIdentity(m.object)),
        m.object,
      ]),
    );
    const checker = DefaultResourceHealthChecker.create();
    let outOfSync = 0;
    let unhealthy = 0;
    for (const { object } of loadedDesired.manifests) {
      const liveObj = liveByKey.get(identityKey(resourceIdentity(object)));
      if (diffResource(object, liveObj).sync !== 'Synced') outOfSync++;
      const health = checker.check(liveObj);
      if (health && health.status !== 'Healthy') unhealthy++;
    }
    const engineSeconds = (performance.now() - started) / 1000;
    const enginePeak = stopSampler();
    if (outOfSync !== expectedDrift) {
      throw new Error(
        `the engine found ${outOfSync} drifted objects, expected ${expectedDrift}`,
      );
    }
    console.log(
      `engine (load + diff + health):        ${engineSeconds.toFixed(
        2,
      )} s = ${Math.round(OBJECTS / engineSeconds)} objects/s, peak RSS ${mib(
        enginePeak,
      )} (OutOfSync: ${outOfSync}, not healthy: ${unhealthy})`,
    );
    console.log(
      `engine / baseline time: ${(engineSeconds / baselineSeconds).toFixed(
        2,
      )}x (target: at most 2x)`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
