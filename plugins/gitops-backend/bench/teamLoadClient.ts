/*
 * The load generator of the team benchmark, in its own process (and core, when taskset is
 * there) so that the server's latency is not the client's. Sends GET requests over
 * `connections` concurrent loops for `seconds` and prints every latency, in milliseconds, as
 * one JSON line on stdout.
 *
 *   node teamLoadClient.ts <url> <connections> <seconds>
 */
import http from 'node:http';

async function main() {
  const [url, connectionsArg, secondsArg] = process.argv.slice(2);
  const connections = Number(connectionsArg);
  const seconds = Number(secondsArg);
  if (!url || !(connections > 0) || !(seconds > 0)) {
    throw new Error('usage: teamLoadClient.ts <url> <connections> <seconds>');
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const deadline = Date.now() + seconds * 1000;

  const once = () =>
    new Promise<void>(resolve => {
      const start = process.hrtime.bigint();
      const request = http.get(url, { agent }, response => {
        response.on('data', chunk => {
          bytes += chunk.length;
        });
        response.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
          if (response.statusCode !== 200) errors += 1;
          resolve();
        });
      });
      request.on('error', () => {
        errors += 1;
        resolve();
      });
    });

  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) await once();
    }),
  );
  agent.destroy();
  process.stdout.write(
    `${JSON.stringify({ latencies, errors, bytes, seconds })}\n`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
