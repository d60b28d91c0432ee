export interface Config {
  gitops?: {
    /** Settings of the Shipshape scaffolder actions (`gitops:*`). */
    scaffolder?: {
      /**
       * Entity ref of the Group that reviews every change to a production environment, in
       * addition to the owners of the environment and its components (e.g. `group:default/team-platform`).
       */
      platformTeam?: string;
      /** Rules a requested environment must follow. */
      policy?: {
        /** Least `approval.requiredApprovals` of a production environment. Default 1. */
        productionMinApprovals?: number;
        /** Longest lifetime of a preview environment, in days. Default 30. */
        previewMaxTtlDays?: number;
      };
      /** Bounds on what one request may render, so a template cannot flood the repository. */
      limits?: {
        /** Components per environment. Default 25. */
        maxComponents?: number;
        /** Bytes per manifest file read from or written to the repository. Default 1 MiB. */
        maxFileBytes?: number;
        /** Files per environment. Default 500. */
        maxFiles?: number;
      };
      /** How `gitops:pull-request:open` opens pull requests. */
      pullRequest?: {
        /** Prefix of the branches it creates. Default `shipshape/`. */
        branchPrefix?: string;
        /** Labels added to every pull request, besides those of the step's input. */
        labels?: string[];
        /** Open pull requests as drafts unless the step says otherwise. Default false. */
        draft?: boolean;
        /** Regenerate `.github/CODEOWNERS` into every pull request unless the step says otherwise. Default false. */
        codeowners?: boolean;
      };
    };
  };
}
