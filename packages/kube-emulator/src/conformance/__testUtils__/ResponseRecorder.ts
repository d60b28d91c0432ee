import {
  Configuration,
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  ResponseContext,
  ServerConfiguration,
} from '@kubernetes/client-node';

/** KubernetesObjectApi.makeApiClient's client, on a configuration of our own. */
class DefaultNamespaceObjectApi extends KubernetesObjectApi {
  constructor(configuration: Configuration, kc: KubeConfig) {
    super(configuration);
    this.setDefaultNamespace(kc);
  }
}

/** A JSON response body as the server sent it, before client-node turned it into models. */
export interface RecordedResponse {
  status: number;
  body: unknown;
}

/**
 * Makes @kubernetes/client-node API clients (as `kc.makeApiClient` does) whose JSON responses are
 * kept, unparsed by the client's serializer, so that tests can check the wire format: client-node
 * turns typed kinds into its models (timestamps into Dates, unknown fields dropped).
 */
export class ResponseRecorder {
  readonly responses: RecordedResponse[] = [];

  static create(kc: KubeConfig): ResponseRecorder {
    return new ResponseRecorder(kc);
  }

  private constructor(private readonly kc: KubeConfig) {}

  /** A typed API client, e.g. `recorder.api(AppsV1Api)`. */
  api<T>(ApiClass: new (configuration: Configuration) => T): T {
    return new ApiClass(this.configuration());
  }

  /** The generic client, with the kubeconfig's namespace as its default. */
  objectApi(): KubernetesObjectApi {
    return new DefaultNamespaceObjectApi(this.configuration(), this.kc);
  }

  /** Takes the responses recorded so far. */
  take(): RecordedResponse[] {
    return this.responses.splice(0, this.responses.length);
  }

  private configuration(): Configuration {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    return createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: this.kc },
      promiseMiddleware: [
        {
          pre: async context => context,
          post: async (response: ResponseContext) => {
            if (
              !(response.headers['content-type'] ?? '').includes(
                'application/json',
              )
            )
              return response;
            const text = await response.body.text();
            this.responses.push({
              status: response.httpStatusCode,
              body: JSON.parse(text),
            });
            // The body stream is spent: hand the client the text it would have read.
            response.body = {
              text: async () => text,
              binary: async () => Buffer.from(text),
              stream: () => null,
            };
            return response;
          },
        },
      ],
    });
  }
}
