export * from './types';
export * from './DefaultResourceHealthChecker';
export * from './aggregateHealth';
