export * from './resourceIdentity';
export * from './compareDesired';
export * from './ignoreRules';
export * from './diffResource';
export * from './secretMasking';
