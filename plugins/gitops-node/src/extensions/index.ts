export * from './ManifestRenderer';
export * from './gitopsRenderersExtensionPoint';
