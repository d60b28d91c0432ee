import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitopsEntityProvider } from './GitopsEntityProvider';

const INGESTION_ERROR = 'gitops.shipshape.dev/ingestion-error';

function environmentYaml(name: string, extra = '') {
  return `apiVersion: gitops.shipshape.dev/v1alpha1
kind: Environment
metadata:
  name: ${name}
spec:
  type: development
  owner: group:default/team-platform
  clusters:
    - cluster: resource:default/cluster-dev
      namespace: shop-${name}
${extra}`;
}

describe('GitopsEntityProvider', () => {
  let work: string;
  let origin: string;
  let applyMutation: jest.Mock;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  let provider: GitopsEntityProvider;

  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: origin,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
      },
    }).trim();
  const write = (file: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(origin, file)), { recursive: true });
    fs.writeFileSync(path.join(origin, file), content);
  };
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '--quiet', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  const emitted = (call = -1): Entity[] =>
    applyMutation.mock.calls.at(call)[0].entities.map((e: any) => e.entity);
  const byName = (entities: Entity[]) =>
    Object.fromEntries(entities.map(e => [e.metadata.name, e]));

  beforeEach(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-provider-'));
    origin = path.join(work, 'origin');
    fs.mkdirSync(origin);
    git('init', '--quiet', '-b', 'main');
    write('environments/dev/environment.yaml', environmentYaml('dev'));
    write('environments/dev/checkout/deployment.yaml', 'kind: Deployment\n');
    write('environments/dev/payments/deployment.yaml', 'kind: Deployment\n');
    write('README.md', '# not an environment\n');
    commit('dev');

    applyMutation = jest.fn();
    logger = mockServices.logger.mock();
    provider = GitopsEntityProvider.create({
      repository: { url: origin, branch: 'main', root: 'environments' },
      cacheDirectory: path.join(work, 'cache'),
      logger,
    });
    await provider.connect({
      applyMutation,
      refresh: jest.fn(),
    } as EntityProviderConnection);
  });

  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('emits each environment with its deployments and the commit read', async () => {
    const sha = git('rev-parse', 'HEAD');
    await provider.refresh();

    expect(applyMutation).toHaveBeenCalledTimes(1);
    expect(applyMutation.mock.calls[0][0].type).toBe('full');
    const [dev] = emitted();
    expect(dev.metadata.name).toBe('dev');
    expect(dev.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': `file:${origin}/environments/dev/environment.yaml`,
      'backstage.io/managed-by-origin-location': `file:${origin}/environments/dev/environment.yaml`,
      'gitops.shipshape.dev/revision': sha,
      'gitops.shipshape.dev/path': 'environments/dev',
    });
    expect(dev.spec?.deployments).toEqual([
      {
        component: 'component:default/checkout',
        path: 'environments/dev/checkout',
      },
      {
        component: 'component:default/payments',
        path: 'environments/dev/payments',
      },
    ]);
    expect(dev.spec?.owner).toBe('group:default/team-platform');
  });

  it('adds an environment committed later and removes a deleted one', async () => {
    await provider.refresh();
    write('environments/staging/environment.yaml', environmentYaml('staging'));
    commit('add staging');
    await provider.refresh();
    expect(emitted().map(e => e.metadata.name)).toEqual(['dev', 'staging']);

    fs.rmSync(path.join(origin, 'environments/dev'), { recursive: true });
    commit('remove dev');
    await provider.refresh();
    expect(emitted().map(e => e.metadata.name)).toEqual(['staging']);
    expect(applyMutation).toHaveBeenCalledTimes(3);
  });

  it('does not write to the catalog when the branch has not moved', async () => {
    await provider.refresh();
    await provider.refresh();
    expect(applyMutation).toHaveBeenCalledTimes(1);
  });

  it('leaves the catalog as it was when the repository cannot be fetched', async () => {
    await provider.refresh();
    fs.rmSync(origin, { recursive: true });
    await provider.refresh();
    expect(applyMutation).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /catalog left unchanged: .*Could not fetch branch 'main'/,
      ),
    );
  });

  describe('hostile input', () => {
    it.each<[string, () => void, RegExp]>([
      [
        'Bad_Name',
        () =>
          write(
            'environments/Bad_Name/environment.yaml',
            environmentYaml('Bad_Name'),
          ),
        /the directory name 'Bad_Name' must consist of lower case letters/,
      ],
      [
        'bad-component',
        () => {
          write(
            'environments/bad-component/environment.yaml',
            environmentYaml('bad-component'),
          );
          write(
            'environments/bad-component/Checkout_V2/deployment.yaml',
            'kind: Deployment\n',
          );
        },
        /the component directory 'Checkout_V2' must consist of lower case/,
      ],
      [
        'escape',
        () => {
          write(
            'environments/escape/environment.yaml',
            environmentYaml('escape'),
          );
          fs.mkdirSync(path.join(origin, 'environments/escape/web'), {
            recursive: true,
          });
          fs.symlinkSync(
            '../../../../etc/passwd',
            path.join(origin, 'environments/escape/web/secrets.yaml'),
          );
        },
        /symlink environments\/escape\/web\/secrets.yaml points outside the repository \(\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd\)/,
      ],
      [
        'absolute',
        () => {
          write(
            'environments/absolute/environment.yaml',
            environmentYaml('absolute'),
          );
          fs.symlinkSync(
            '/etc/shadow',
            path.join(origin, 'environments/absolute/shadow.yaml'),
          );
        },
        /symlink environments\/absolute\/shadow.yaml points outside the repository \(\/etc\/shadow\)/,
      ],
      [
        'huge',
        () =>
          write(
            'environments/huge/environment.yaml',
            `${environmentYaml('huge')}# ${'x'.repeat(1024 * 1024)}\n`,
          ),
        /environments\/huge\/environment.yaml is \d+ bytes, over the limit of 1048576/,
      ],
      [
        'bomb',
        () =>
          write(
            'environments/bomb/environment.yaml',
            `${environmentYaml('bomb')}a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
`,
          ),
        /environments\/bomb\/environment.yaml line \d+: Excessive alias count/,
      ],
      [
        'malformed',
        () =>
          write(
            'environments/malformed/environment.yaml',
            'kind: Environment\nmetadata: [unclosed\n',
          ),
        /environments\/malformed\/environment.yaml line \d+: /,
      ],
      [
        'missing',
        () =>
          write(
            'environments/missing/web/deployment.yaml',
            'kind: Deployment\n',
          ),
        /environments\/missing\/environment.yaml is missing/,
      ],
      [
        'renamed',
        () =>
          write(
            'environments/renamed/environment.yaml',
            environmentYaml('prod'),
          ),
        /names the environment 'prod', but its directory is 'renamed'/,
      ],
    ])(
      '%s: an error on that environment only',
      async (name, setUp, problem) => {
        setUp();
        commit(`hostile ${name}`);
        await provider.refresh();

        const entities = byName(emitted());
        expect(entities[name].metadata.annotations?.[INGESTION_ERROR]).toMatch(
          problem,
        );
        expect(entities[name].spec).toEqual({});
        // The good environment is untouched.
        expect(
          entities.dev.metadata.annotations?.[INGESTION_ERROR],
        ).toBeUndefined();
        expect(entities.dev.spec?.deployments).toHaveLength(2);
      },
    );

    it('logs a directory whose name cannot even be an entity name, and keeps the rest', async () => {
      write('environments/dev env/environment.yaml', environmentYaml('dev'));
      commit('space');
      await provider.refresh();
      expect(emitted().map(e => e.metadata.name)).toEqual(['dev']);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          `Environment directory "environments/dev env": the directory name 'dev env'`,
        ),
      );
    });

    it.each(['../outside', '/etc', '.'])(
      'refuses the repository root %j',
      root => {
        expect(() =>
          GitopsEntityProvider.create({
            repository: { url: origin, branch: 'main', root },
            cacheDirectory: work,
            logger,
          }),
        ).toThrow(
          /gitops.repository.root must be a folder inside the repository/,
        );
      },
    );
  });
});

describe('GitopsEntityProvider.fromConfig', () => {
  it('schedules its refresh only once the catalog has connected it', async () => {
    const scheduler = mockServices.scheduler.mock();
    const provider = GitopsEntityProvider.fromConfig(
      mockServices.rootConfig({
        data: {
          gitops: { repository: { url: '/nowhere', branch: 'main' } },
          backend: { workingDirectory: os.tmpdir() },
        },
      }),
      { logger: mockServices.logger.mock(), scheduler },
    )!;
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();

    await provider.connect({
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    } as EntityProviderConnection);
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'gitops-provider:refresh' }),
    );
  });

  it('is not created without gitops.repository', () => {
    expect(
      GitopsEntityProvider.fromConfig(mockServices.rootConfig({ data: {} }), {
        logger: mockServices.logger.mock(),
        scheduler: mockServices.scheduler.mock(),
      }),
    ).toBeUndefined();
  });
});
