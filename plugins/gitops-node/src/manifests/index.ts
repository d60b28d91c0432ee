export * from './parseYamlDocuments';
export * from './loadManifests';
