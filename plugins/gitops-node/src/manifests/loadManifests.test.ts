import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManifestRenderer } from '../extensions';
import { loadManifests } from './loadManifests';

const configMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;

describe('loadManifests', () => {
  let dir: string;
  const write = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  };
  const names = (result: Awaited<ReturnType<typeof loadManifests>>) =>
    result.manifests.map(m => `${m.object.kind}/${m.object.metadata.name}`);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifests-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads directories recursively in name order: YAML, JSON, several documents, Lists', async () => {
    write(
      'b/deployment.yaml',
      `---\n${configMap('two')}---\n\n---\n${configMap('three')}`,
    );
    write('a.yml', configMap('one'));
    write(
      'c/list.json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          JSON.parse(
            JSON.stringify({
              apiVersion: 'v1',
              kind: 'Secret',
              metadata: { name: 's' },
            }),
          ),
        ],
      }),
    );
    write('c/notes.txt', 'not a manifest');
    write('.git/config.yaml', configMap('hidden'));

    const result = await loadManifests(dir);
    expect(result.errors).toEqual([]);
    expect(names(result)).toEqual([
      'ConfigMap/one',
      'ConfigMap/two',
      'ConfigMap/three',
      'Secret/s',
    ]);
    expect(result.manifests[2]).toMatchObject({
      file: path.join(dir, 'b/deployment.yaml'),
      line: 11,
    });
  });

  it('reports a broken document with its file and line, and keeps the rest of the file and the other files', async () => {
    write(
      'a.yaml',
      `${configMap('before')}---\nkind: [unclosed\n---\n${configMap('after')}`,
    );
    write('b.yaml', configMap('other'));
    const result = await loadManifests(dir);
    expect(names(result)).toEqual([
      'ConfigMap/before',
      'ConfigMap/after',
      'ConfigMap/other',
    ]);
    expect(result.errors).toEqual([
      {
        file: path.join(dir, 'a.yaml'),
        // where the parser finds the unclosed sequence: the next line
        line: 9,
        message: expect.stringMatching(
          /^Flow sequence in block collection must be sufficiently indented and end with a \]/,
        ),
      },
    ]);
  });

  it('refuses alias bombs and huge files without reading them whole', async () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [prev, next] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg'].map(p =>
      p.split(''),
    )) {
      laughs.push(
        `${next}: &${next} [${Array(9).fill(`*${prev}`).join(', ')}]`,
      );
    }
    write(
      'bomb.yaml',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${laughs.join(
        '\n',
      )}\n`,
    );
    write('huge.yaml', `${configMap('huge')}# ${'x'.repeat(2048)}\n`);
    write('fine.yaml', configMap('fine'));
    const result = await loadManifests(dir, { maxFileBytes: 1024 });
    expect(names(result)).toEqual(['ConfigMap/fine']);
    expect(result.errors).toEqual([
      {
        file: path.join(dir, 'bomb.yaml'),
        line: 1,
        message: expect.stringMatching(/Excessive alias count/),
      },
      {
        file: path.join(dir, 'huge.yaml'),
        message: expect.stringMatching(
          /^is \d+ bytes, over the limit of 1024$/,
        ),
      },
    ]);
  });

  it('says what is wrong with documents that are not Kubernetes objects', async () => {
    write(
      'a.yaml',
      '- just\n- a list\n---\nkind: ConfigMap\nmetadata: {name: x}\n---\napiVersion: v1\nkind: ConfigMap\n',
    );
    const result = await loadManifests(path.join(dir, 'a.yaml'));
    expect(result.manifests).toEqual([]);
    expect(result.errors.map(e => `${e.line}: ${e.message}`)).toEqual([
      '1: document is not a Kubernetes object (a mapping with apiVersion, kind and metadata)',
      '4: document has no apiVersion',
      '7: document (ConfigMap) has no metadata.name',
    ]);
  });

  it('does not follow symlinks', async () => {
    write('real/a.yaml', configMap('a'));
    fs.symlinkSync('/etc', path.join(dir, 'etc'));
    fs.symlinkSync(path.join(dir, 'real/a.yaml'), path.join(dir, 'link.yaml'));
    const result = await loadManifests(dir);
    expect(names(result)).toEqual(['ConfigMap/a']);
    expect(result.errors.map(e => path.basename(e.file))).toEqual([
      'etc',
      'link.yaml',
    ]);
  });

  it('renders a directory a renderer claims, and flags a kustomization nobody renders', async () => {
    write('overlay/kustomization.yaml', 'resources: [../base]\n');
    write('plain/kustomization.yaml', 'resources: []\n');
    write('plain/a.yaml', configMap('plain'));
    const kustomize: ManifestRenderer = {
      name: 'kustomize',
      canRender: async d => d.endsWith('overlay'),
      render: async () =>
        `${configMap('rendered-1')}---\n${configMap('rendered-2')}`,
    };
    const result = await loadManifests(dir, { renderers: [kustomize] });
    expect(names(result)).toEqual([
      'ConfigMap/rendered-1',
      'ConfigMap/rendered-2',
      'ConfigMap/plain',
    ]);
    expect(result.manifests[0].file).toBe(
      `${path.join(dir, 'overlay')} (kustomize)`,
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        file: path.join(dir, 'plain/kustomization.yaml'),
        message: expect.stringMatching(/no kustomize renderer is configured/),
      }),
    ]);
  });

  it('reports a renderer failure on its directory', async () => {
    write('overlay/kustomization.yaml', 'resources: [missing]\n');
    const result = await loadManifests(dir, {
      renderers: [
        {
          name: 'kustomize',
          canRender: async () => true,
          render: async () => {
            throw new Error("accumulating resources: 'missing' not found");
          },
        },
      ],
    });
    expect(result.errors).toEqual([
      {
        file: dir,
        message:
          "kustomize failed: accumulating resources: 'missing' not found",
      },
    ]);
  });

  it('reports a target that does not exist', async () => {
    const result = await loadManifests(path.join(dir, 'nope'));
    expect(result.errors).toEqual([
      { file: path.join(dir, 'nope'), message: 'does not exist' },
    ]);
  });
});
