import {
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
} from '@kubernetes/client-node';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { createServingCertificates } from './createServingCertificates';
import { KubeEmulator } from './KubeEmulator';

// HTTPS, as the demo and the kubectl conformance tests run it: clients trust the emulator's CA
// through the kubeconfig it writes, and a bearer token travels only over TLS.

const configMap = (name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data,
});

/** GET over HTTPS with node's client, trusting `ca` (or only the system CAs). */
function get(url: string, ca?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    https
      .get(url, { ca, headers: { authorization: 'Bearer tls-token' } }, res => {
        let body = '';
        res.on('data', chunk => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

describe('KubeEmulator over TLS', () => {
  let emulator: KubeEmulator;
  let dir: string;
  let kc: KubeConfig;

  beforeAll(async () => {
    emulator = await KubeEmulator.start({ tls: true, tokens: ['tls-token'] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-emulator-tls-'));
    const file = path.join(dir, 'kubeconfig');
    fs.writeFileSync(file, emulator.kubeconfig());
    kc = new KubeConfig();
    kc.loadFromFile(file);
  });
  afterAll(async () => {
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves https and writes a kubeconfig that trusts its CA', () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const config = parseYaml(emulator.kubeconfig('cluster-dev'));
    expect(config['current-context']).toBe('cluster-dev');
    const { cluster } = config.clusters[0];
    expect(cluster.server).toBe(emulator.url);
    expect(cluster['insecure-skip-tls-verify']).toBeUndefined();
    expect(
      Buffer.from(cluster['certificate-authority-data'], 'base64').toString(),
    ).toBe(emulator.caCertificate);
    expect(emulator.caCertificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(config.users[0].user).toEqual({ token: 'tls-token' });
  });

  it('lists, applies (server-side) and watches through @kubernetes/client-node', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const namespaces = await core.listNamespace();
    expect(namespaces.items.map(n => n.metadata!.name)).toContain('default');

    const api = KubernetesObjectApi.makeApiClient(kc);
    const applied: any = await api.patch(
      configMap('tls-settings', { a: '1' }),
      undefined,
      undefined,
      'shipshape',
      false,
      PatchStrategy.ServerSideApply,
    );
    expect(applied.data).toEqual({ a: '1' });
    expect(applied.metadata.managedFields[0]).toMatchObject({
      manager: 'shipshape',
      operation: 'Apply',
    });

    const events: Array<{ type: string; name: string; a: string }> = [];
    let onModified: () => void = () => {};
    const modified = new Promise<void>(resolve => (onModified = resolve));
    // From the applied resourceVersion: later changes arrive however soon they happen.
    const watch = await new Watch(kc).watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: applied.metadata.resourceVersion },
      (type, object) => {
        events.push({ type, name: object.metadata.name, a: object.data.a });
        if (type === 'MODIFIED') onModified();
      },
      () => {},
    );
    await api.patch(
      configMap('tls-settings', { a: '2' }),
      undefined,
      undefined,
      'shipshape',
      false,
      PatchStrategy.ServerSideApply,
    );
    await modified;
    watch.abort();
    expect(events).toContainEqual({
      type: 'MODIFIED',
      name: 'tls-settings',
      a: '2',
    });
  });

  it('answers on every name its certificate holds', async () => {
    const { port } = new URL(emulator.url);
    for (const host of ['127.0.0.1', 'localhost']) {
      const response = await get(
        `https://${host}:${port}/api/v1/namespaces/default`,
        emulator.caCertificate,
      );
      expect(response.status).toBe(200);
    }
  });

  it('is refused by a client that does not trust its CA', async () => {
    await expect(get(`${emulator.url}/version`)).rejects.toThrow(
      /self[- ]signed certificate|unable to (get|verify)/i,
    );

    const config = parseYaml(emulator.kubeconfig());
    delete config.clusters[0].cluster['certificate-authority-data'];
    const untrusting = new KubeConfig();
    untrusting.loadFromString(stringifyYaml(config));
    const error = await untrusting
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .then(
        () => undefined,
        (e: Error) => e,
      );
    // fetch reports the TLS failure as its cause.
    expect(String((error?.cause as Error | undefined)?.message)).toMatch(
      /self[- ]signed certificate|unable to (get|verify)/i,
    );
  });

  it('serves the PEMs it is given', async () => {
    const pems = await createServingCertificates(['127.0.0.1']);
    const given = await KubeEmulator.start({ tls: pems });
    try {
      expect(given.caCertificate).toBe(pems.ca);
      const response = await get(`${given.url}/version`, pems.ca);
      expect(JSON.parse(response.body).major).toBe('1');
      // A certificate of another CA is not trusted.
      await expect(
        get(`${given.url}/version`, emulator.caCertificate),
      ).rejects.toThrow();
    } finally {
      await given.stop();
    }
  });

  it('stays plain HTTP by default', async () => {
    const plain = await KubeEmulator.start();
    try {
      expect(plain.url).toMatch(/^http:\/\//);
      expect(plain.caCertificate).toBeUndefined();
      expect(
        parseYaml(plain.kubeconfig()).clusters[0].cluster[
          'insecure-skip-tls-verify'
        ],
      ).toBe(true);
    } finally {
      await plain.stop();
    }
  });
});
