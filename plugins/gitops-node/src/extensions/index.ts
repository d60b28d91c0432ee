export * from './ManifestRenderer';
export * from './gitopsRenderersExtensionPoint';
export * from './gitopsHealthChecksExtensionPoint';
