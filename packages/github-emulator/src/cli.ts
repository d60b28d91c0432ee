import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { buildDemoConfig } from './demo/buildDemoConfig';
import { GithubEmulator, GithubEmulatorOptions } from './GithubEmulator';

const USAGE = `Usage: yarn github-emulator (--demo | --config <file.yaml>) [--port 7011] [--host 127.0.0.1]

  --demo     the demo: organization shipshape-demo, repository gitops at .demo/gitops-repo
             (scripts/prepare-demo.sh makes it), users and teams from examples/catalog/org.yaml,
             bot shipshape-bot with token shipshape-demo-github-token, webhook to the demo backend
  --config   a YAML file with the GithubEmulator options (organization, repositories, users,
             teams, tokens, webhooks, faults); repository paths relative to the file
  --port     overrides the port (0 picks a free one)
`;

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      demo: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const cwd = process.env.PROJECT_CWD ?? process.cwd();
  if (!!values.demo === !!values.config)
    throw new Error('give either --demo or --config');
  let options: GithubEmulatorOptions;
  if (values.demo) {
    // Run from source only (yarn start, scripts/start-demo-github.sh): the repository root.
    // eslint-disable-next-line no-restricted-syntax
    options = buildDemoConfig(path.resolve(__dirname, '../../..'));
  } else {
    const file = path.resolve(cwd, values.config!);
    options = parseYaml(fs.readFileSync(file, 'utf8'));
    if (!options || typeof options !== 'object')
      throw new Error(`${values.config} holds no options`);
    options.repositories = (options.repositories ?? []).map(r => ({
      ...r,
      path: path.resolve(path.dirname(file), r.path),
    }));
  }
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`invalid --port ${values.port}`);
    options.port = port;
  }
  if (values.host) options.host = values.host;
  const emulator = GithubEmulator.create(options);
  const { url, apiBaseUrl } = await emulator.start();
  process.stderr.write(
    `GitHub emulator listening on ${url} (API ${apiBaseUrl}); pull requests at ${url}/${options.organization}/<repo>/pulls\n`,
  );
  const stop = () => emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(
    `github-emulator: ${
      error instanceof Error ? error.message : error
    }\n${USAGE}`,
  );
  process.exit(2);
});
