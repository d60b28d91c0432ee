import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Octokit } from '@octokit/rest';
import { ENVIRONMENT_KIND } from '@shipshape/plugin-gitops-common';
import { DateTime } from 'luxon';

/** What one pass did, per expired preview environment. */
export interface ExpiredPreviewResult {
  environmentRef: string;
  /** `opened`: a removal pull request now exists; `pending`: one was open already. */
  outcome: 'opened' | 'pending' | 'gone' | 'failed';
  url?: string;
  error?: string;
}

const TEAM_SLUG_ANNOTATION = 'github.com/team-slug';

/**
 * Proposes the removal of preview environments past their `spec.expiresAt`: for each, a pull
 * request on the GitOps repository that deletes `<root>/<name>/`, with its owners asked to review
 * (merging it is still a human decision, as for every change). One pull request per preview: a
 * pass that finds one open (branch `shipshape/expire-<name>`) leaves it alone.
 */
export class ExpiredPreviewJanitor {
  static create(options: {
    octokit: () => Promise<Octokit>;
    /** `<owner>/<repo>`. */
    repository: string;
    /** The environments' folder in the repository, e.g. `environments`. */
    root: string;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    now?: () => DateTime;
  }): ExpiredPreviewJanitor {
    return new ExpiredPreviewJanitor(options);
  }

  private constructor(
    private readonly options: {
      octokit: () => Promise<Octokit>;
      repository: string;
      root: string;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      now?: () => DateTime;
    },
  ) {}

  async run(): Promise<ExpiredPreviewResult[]> {
    const now = this.options.now?.() ?? DateTime.now();
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: ENVIRONMENT_KIND, 'spec.type': 'preview' } },
      { credentials },
    );
    const expired = items.filter(entity => {
      const expiresAt = (entity.spec as { expiresAt?: unknown } | undefined)
        ?.expiresAt;
      const at =
        typeof expiresAt === 'string' ? DateTime.fromISO(expiresAt) : undefined;
      return at?.isValid && at <= now;
    });
    const results: ExpiredPreviewResult[] = [];
    for (const entity of expired) {
      const environmentRef = stringifyEntityRef(entity);
      try {
        results.push(await this.proposeRemoval(entity, credentials));
      } catch (error) {
        // One preview GitHub refuses does not stop the others; the next pass tries again.
        const message = error instanceof Error ? error.message : String(error);
        this.options.logger.warn(
          `Could not propose the removal of expired ${environmentRef}: ${message}`,
        );
        results.push({ environmentRef, outcome: 'failed', error: message });
      }
    }
    return results;
  }

  private async proposeRemoval(
    entity: Entity,
    credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
  ): Promise<ExpiredPreviewResult> {
    const environmentRef = stringifyEntityRef(entity);
    const name = entity.metadata.name;
    const [owner, repo] = this.options.repository.split('/');
    const branch = `shipshape/expire-${name}`;
    const octokit = await this.options.octokit();

    const open = await octokit.pulls.list({
      owner,
      repo,
      state: 'open',
      head: `${owner}:${branch}`,
    });
    if (open.data.length > 0) {
      return { environmentRef, outcome: 'pending', url: open.data[0].html_url };
    }

    const { data: repository } = await octokit.repos.get({ owner, repo });
    const base = repository.default_branch;
    const { data: ref } = await octokit.git.getRef({
      owner,
      repo,
      ref: `heads/${base}`,
    });
    const head = ref.object.sha;
    const { data: commit } = await octokit.git.getCommit({
      owner,
      repo,
      commit_sha: head,
    });
    const { data: tree } = await octokit.git.getTree({
      owner,
      repo,
      tree_sha: commit.tree.sha,
      recursive: 'true',
    });
    const dir = `${this.options.root}/${name}/`;
    const files = tree.tree.filter(
      entry => entry.type === 'blob' && entry.path?.startsWith(dir),
    );
    if (files.length === 0) {
      // Removed already; the catalog has not caught up yet.
      return { environmentRef, outcome: 'gone' };
    }

    const { data: newTree } = await octokit.git.createTree({
      owner,
      repo,
      base_tree: commit.tree.sha,
      tree: files.map(file => ({
        path: file.path!,
        mode: file.mode as '100644',
        type: 'blob' as const,
        sha: null,
      })),
    });
    const expiresAt = String(
      (entity.spec as { expiresAt?: unknown }).expiresAt,
    );
    const { data: removal } = await octokit.git.createCommit({
      owner,
      repo,
      message: `Remove preview environment ${name} (expired ${expiresAt})`,
      tree: newTree.sha,
      parents: [head],
    });
    try {
      await octokit.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${branch}`,
        sha: removal.sha,
      });
    } catch (error) {
      // A branch left by an earlier pass whose pull request was closed: start it over.
      if ((error as { status?: number }).status !== 422) throw error;
      await octokit.git.updateRef({
        owner,
        repo,
        ref: `heads/${branch}`,
        sha: removal.sha,
        force: true,
      });
    }
    const { data: pull } = await octokit.pulls.create({
      owner,
      repo,
      head: branch,
      base,
      title: `Remove expired preview environment ${name}`,
      body: [
        `The preview environment \`${name}\` expired at ${expiresAt} (\`spec.expiresAt\`).`,
        '',
        `This removes \`${dir}\` (${files.length} file${
          files.length === 1 ? '' : 's'
        }); once merged, the GitOps operator deletes what it deployed.`,
        'Close this pull request and extend `spec.expiresAt` to keep it.',
      ].join('\n'),
    });
    await this.bestEffort(`labels of #${pull.number}`, () =>
      octokit.issues.addLabels({
        owner,
        repo,
        issue_number: pull.number,
        labels: ['shipshape', 'expired'],
      }),
    );
    const teams = await this.ownerTeams(entity, credentials);
    if (teams.length > 0) {
      await this.bestEffort(`reviewers of #${pull.number}`, () =>
        octokit.pulls.requestReviewers({
          owner,
          repo,
          pull_number: pull.number,
          team_reviewers: teams,
        }),
      );
    }
    this.options.logger.info(
      `Expired preview ${environmentRef}: opened ${pull.html_url} to remove it`,
    );
    return { environmentRef, outcome: 'opened', url: pull.html_url };
  }

  /** The GitHub team slugs of the environment's owner (annotation `github.com/team-slug`). */
  private async ownerTeams(
    entity: Entity,
    credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
  ): Promise<string[]> {
    const ownerRef = (entity.spec as { owner?: unknown }).owner;
    if (typeof ownerRef !== 'string') return [];
    const owner = await this.options.catalog
      .getEntityByRef(ownerRef, { credentials })
      .catch(() => undefined);
    const slug = owner?.metadata.annotations?.[TEAM_SLUG_ANNOTATION];
    return slug ? [slug.replace(/^.*\//, '')] : [];
  }

  private async bestEffort(what: string, fn: () => Promise<unknown>) {
    try {
      await fn();
    } catch (error) {
      this.options.logger.warn(
        `Could not set the ${what}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
}
