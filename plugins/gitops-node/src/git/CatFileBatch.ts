import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

interface PendingRead {
  spec: string;
  resolve(content: Buffer): void;
  reject(error: Error): void;
}

/**
 * Reads many Git objects through one `git cat-file --batch` process instead of one process per
 * file: requests are written one per line, answers come back in order as
 * `<sha> <type> <size>\n<content>\n`, or `<spec> missing\n`.
 */
export class CatFileBatch {
  private child?: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private readonly pending: PendingRead[] = [];

  constructor(private readonly gitDir: string) {}

  /** The content of `<commit>:<path>`. */
  read(spec: string): Promise<Buffer> {
    if (spec.includes('\n')) {
      // The batch protocol is line-based; such a path cannot be asked for.
      return Promise.reject(
        new Error(`cannot read a path with a newline: ${JSON.stringify(spec)}`),
      );
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ spec, resolve, reject });
      this.process().stdin.write(`${spec}\n`);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private process(): ChildProcessWithoutNullStreams {
    if (!this.child) {
      const child = spawn('git', [
        '--git-dir',
        this.gitDir,
        'cat-file',
        '--batch',
      ]);
      child.stdout.on('data', (chunk: Buffer) => {
        this.buffer = this.buffer.length
          ? Buffer.concat([this.buffer, chunk])
          : chunk;
        this.drain();
      });
      const fail = (error: Error) => {
        for (const read of this.pending.splice(0)) {
          read.reject(error);
        }
        if (this.child === child) {
          this.child = undefined;
          this.buffer = Buffer.alloc(0);
        }
      };
      child.on('error', fail);
      child.on('exit', code => {
        if (this.pending.length > 0) {
          fail(new Error(`git cat-file exited with code ${code}`));
        }
      });
      this.child = child;
    }
    return this.child;
  }

  private drain() {
    while (this.pending.length > 0) {
      const newline = this.buffer.indexOf(0x0a);
      if (newline < 0) {
        return;
      }
      const header = this.buffer.subarray(0, newline).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(newline + 1);
        const read = this.pending.shift()!;
        read.reject(new Error(`${read.spec} does not exist`));
        continue;
      }
      const size = Number(header.slice(header.lastIndexOf(' ') + 1));
      const end = newline + 1 + size;
      if (this.buffer.length < end + 1) {
        return; // the rest of the content is still on its way
      }
      const content = Buffer.from(this.buffer.subarray(newline + 1, end));
      this.buffer = this.buffer.subarray(end + 1);
      this.pending.shift()!.resolve(content);
    }
  }
}
