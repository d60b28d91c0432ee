export * from './createRenderEnvironmentAction';
export * from './createPlanEnvironmentAction';
export * from './createOpenPullRequestAction';
export * from './createGenerateCodeownersAction';
