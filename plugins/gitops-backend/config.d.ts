export interface Config {
  gitops?: {
    /**
     * Render directories of the GitOps repository that hold a kustomization.yaml with an external
     * binary. Without it, such directories are reported, not read as plain YAML.
     */
    kustomize?: {
      /** `kustomize` (run as `kustomize build <dir>`) or `kubectl` (`kubectl kustomize <dir>`), on PATH or a path. */
      command: string;
      /** Longest a render may take, in milliseconds. Default: 60000. */
      timeoutMs?: number;
    };
  };
}
