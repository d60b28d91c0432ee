import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ManifestRenderer } from '../extensions';

const KUSTOMIZATION_FILES = [
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
];

/** @public */
export interface KustomizeRendererOptions {
  /**
   * The binary: `kustomize` (run as `kustomize build <dir>`) or `kubectl` (run as
   * `kubectl kustomize <dir>`), by name on PATH or as a path.
   */
  command: string;
  /** Default: 60 seconds. */
  timeoutMs?: number;
  /** Largest output accepted. Default: 64 MiB. */
  maxOutputBytes?: number;
}

/**
 * Renders kustomize overlays by running an external kustomize (or kubectl) binary; directories
 * without a kustomization are left to the plain YAML loader.
 *
 * @public
 */
export class KustomizeRenderer implements ManifestRenderer {
  readonly name = 'kustomize';

  static create(options: KustomizeRendererOptions): KustomizeRenderer {
    return new KustomizeRenderer(options);
  }

  private constructor(private readonly options: KustomizeRendererOptions) {}

  async canRender(directory: string): Promise<boolean> {
    for (const file of KUSTOMIZATION_FILES) {
      const stat = await fs
        .lstat(path.join(directory, file))
        .catch(() => undefined);
      if (stat?.isFile()) {
        return true;
      }
    }
    return false;
  }

  render(
    directory: string,
    options: { signal?: AbortSignal },
  ): Promise<string> {
    const { command } = this.options;
    const args =
      path.basename(command) === 'kubectl'
        ? ['kustomize', directory]
        : ['build', directory];
    return new Promise((resolve, reject) => {
      execFile(
        command,
        args,
        {
          timeout: this.options.timeoutMs ?? 60_000,
          maxBuffer: this.options.maxOutputBytes ?? 64 * 1024 * 1024,
          signal: options.signal,
          encoding: 'utf8',
        },
        (error, stdout, stderr) => {
          if (error) {
            const code = (error as NodeJS.ErrnoException).code;
            reject(
              new Error(
                code === 'ENOENT'
                  ? `the kustomize command '${command}' was not found`
                  : (stderr || error.message)
                      .trim()
                      .split('\n')
                      .slice(-3)
                      .join(' '),
              ),
            );
          } else {
            resolve(stdout);
          }
        },
      );
    });
  }
}
