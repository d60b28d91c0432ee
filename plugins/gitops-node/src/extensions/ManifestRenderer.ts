/**
 * Turns a directory of the GitOps repository into plain Kubernetes manifests, e.g. by running
 * kustomize. Directories no renderer claims are read as plain YAML.
 *
 * @public
 */
export interface ManifestRenderer {
  /** Shown in logs and errors, e.g. "kustomize". */
  readonly name: string;
  /** Whether this renderer handles the directory, e.g. because it holds a kustomization.yaml. */
  canRender(directory: string): Promise<boolean>;
  /** The rendered manifests as a multi-document YAML string. */
  render(directory: string, options: { signal?: AbortSignal }): Promise<string>;
}
