import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadManifests } from '../manifests';
import { KustomizeRenderer } from './KustomizeRenderer';

// No kustomize binary here: stand-ins with the same command line (they print what they were asked).
function fakeBinary(dir: string, name: string, script: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}

describe('KustomizeRenderer', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-'));
    fs.mkdirSync(path.join(dir, 'overlay'));
    fs.writeFileSync(
      path.join(dir, 'overlay/kustomization.yaml'),
      'resources: []\n',
    );
    fs.mkdirSync(path.join(dir, 'plain'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const echoArgs = `printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: rendered\\ndata:\\n  args: "%s %s"\\n' "$1" "$2"`;

  it('claims only directories with a kustomization', async () => {
    const renderer = KustomizeRenderer.create({
      command: fakeBinary(dir, 'kustomize', echoArgs),
    });
    expect(await renderer.canRender(path.join(dir, 'overlay'))).toBe(true);
    expect(await renderer.canRender(path.join(dir, 'plain'))).toBe(false);
  });

  it('runs `kustomize build <dir>` and `kubectl kustomize <dir>`', async () => {
    for (const [binary, verb] of [
      ['kustomize', 'build'],
      ['kubectl', 'kustomize'],
    ]) {
      const renderer = KustomizeRenderer.create({
        command: fakeBinary(dir, binary, echoArgs),
      });
      const { manifests, errors } = await loadManifests(dir, {
        renderers: [renderer],
      });
      expect(errors).toEqual([]);
      expect(manifests.map(m => m.object.data)).toEqual([
        { args: `${verb} ${path.join(dir, 'overlay')}` },
      ]);
    }
  });

  it("reports kustomize's error on that directory", async () => {
    const renderer = KustomizeRenderer.create({
      command: fakeBinary(
        dir,
        'kustomize',
        `echo "Error: accumulating resources: 'missing' not found" >&2; exit 1`,
      ),
    });
    const { errors } = await loadManifests(dir, { renderers: [renderer] });
    expect(errors).toEqual([
      {
        file: path.join(dir, 'overlay'),
        message:
          "kustomize failed: Error: accumulating resources: 'missing' not found",
      },
    ]);
  });

  it('says when the binary does not exist', async () => {
    const renderer = KustomizeRenderer.create({
      command: path.join(dir, 'no-such-kustomize'),
    });
    const { errors } = await loadManifests(dir, { renderers: [renderer] });
    expect(errors[0].message).toMatch(
      /kustomize failed: the kustomize command '.*no-such-kustomize' was not found/,
    );
  });

  it('stops a run that takes too long', async () => {
    const renderer = KustomizeRenderer.create({
      command: fakeBinary(dir, 'kustomize', 'sleep 5'),
      timeoutMs: 200,
    });
    const { errors } = await loadManifests(dir, { renderers: [renderer] });
    expect(errors).toEqual([
      expect.objectContaining({ file: path.join(dir, 'overlay') }),
    ]);
  });
});
