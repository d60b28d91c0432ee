import { KubeConfig, RequestContext } from '@kubernetes/client-node';

/**
 * How to reach one cluster.
 *
 * @public
 */
export interface ClusterConnectionConfig {
  /** The cluster's catalog entity ref, e.g. `resource:default/cluster-dev`. */
  name: string;
  /** The API server, e.g. `https://10.0.0.1:6443` (plain `http://` for emulators). */
  url: string;
  /** A bearer token, e.g. a service account's. */
  token?: string;
  /** The CA bundle that signed the server's certificate: PEM, or PEM in base64 as in kubeconfigs. */
  caData?: string;
  caFile?: string;
  skipTLSVerify?: boolean;
}

/** @public */
export type ClusterConnection = ClusterConnectionConfig;

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

/**
 * A client-node KubeConfig for one cluster, built in memory, whose requests share one connection
 * pool that `close()` ends. (client-node builds a new undici Agent for every request; sharing the
 * first keeps connections alive between LIST pages and lets stop() close every socket.)
 */
export class ClusterKubeConfig extends KubeConfig {
  private dispatcher?: Dispatcher;
  private closed = false;

  static fromConnection(
    connection: ClusterConnectionConfig,
  ): ClusterKubeConfig {
    const config = new ClusterKubeConfig();
    const plainHttp = /^http:/i.test(connection.url);
    config.loadFromClusterAndUser(
      {
        name: connection.name,
        server: connection.url.replace(/\/+$/, ''),
        caData: toBase64Pem(connection.caData),
        caFile: connection.caFile,
        // client-node refuses http:// servers unless TLS verification is off; there is no TLS
        // to verify on plain HTTP anyway.
        skipTLSVerify: plainHttp || (connection.skipTLSVerify ?? false),
      },
      { name: 'shipshape-gitops', token: connection.token },
    );
    return config;
  }

  private constructor() {
    super();
  }

  get server(): string {
    return this.getCurrentCluster()!.server;
  }

  override async applySecurityAuthentication(
    context: RequestContext,
  ): Promise<void> {
    if (this.closed) {
      throw new Error('The cluster connection is closed');
    }
    await super.applySecurityAuthentication(context);
    const created = context.getDispatcher();
    if (created) {
      this.dispatcher ??= created;
      context.setDispatcher(this.dispatcher);
    }
  }

  /** Ends every connection; later requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    const dispatcher = this.dispatcher;
    this.dispatcher = undefined;
    await dispatcher?.destroy();
  }
}

/** client-node wants caData as base64; people paste PEM. */
function toBase64Pem(caData: string | undefined): string | undefined {
  if (!caData) {
    return undefined;
  }
  return caData.includes('-----BEGIN')
    ? Buffer.from(caData, 'utf8').toString('base64')
    : caData.replace(/\s+/g, '');
}
