import {
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  RequestContext,
  Watch,
} from '@kubernetes/client-node';
import { ClusterKubeConfig } from './ClusterKubeConfig';
import { KubeApiError } from './KubeApiError';

export type WatchEventCallback = (type: string, object: any) => void;

/**
 * The few calls the live cache makes, through client-node's own request machinery (its
 * KubeConfig authentication, undici transport and Watch). Lists are read as plain JSON rather
 * than through KubernetesObjectApi.list, which turns items of known kinds into typed models
 * (dates become Date objects, unknown fields are dropped, and it costs ~60 µs per object); a
 * diff must see what the server sent.
 */
export class KubeClient {
  private readonly http = new IsomorphicFetchHttpLibrary();
  private readonly watcher: Watch;

  constructor(
    readonly config: ClusterKubeConfig,
    private readonly requestTimeoutMs: number,
  ) {
    this.watcher = new Watch(config);
  }

  /** GET a JSON document; throws KubeApiError for anything but a 2xx answer. */
  async getJson(
    path: string,
    query: Record<string, string | number | undefined>,
    signal: AbortSignal,
  ): Promise<any> {
    const url = new URL(this.config.server + path);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) {
        url.searchParams.set(name, String(value));
      }
    }
    try {
      const context = new RequestContext(url.toString(), HttpMethod.GET);
      context.setHeaderParam('Accept', 'application/json');
      await this.config.applySecurityAuthentication(context);
      context.setSignal(
        AbortSignal.any([signal, AbortSignal.timeout(this.requestTimeoutMs)]),
      );
      const response = await this.http.send(context).toPromise();
      const body = await response.body.text();
      if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
        throw KubeApiError.fromResponse(
          response.httpStatusCode,
          body,
          response.headers,
        );
      }
      return JSON.parse(body);
    } catch (error) {
      throw KubeApiError.from(error);
    }
  }

  /**
   * client-node's Watch: resolves once the server answered (or the request failed, in which
   * case `done` has been called already) with the controller that ends the watch.
   */
  watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    onEvent: WatchEventCallback,
    done: (error: unknown) => void,
  ): Promise<AbortController> {
    return this.watcher.watch(path, query, onEvent, done);
  }
}
