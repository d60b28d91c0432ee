export * from './apiTypes';
export * from './changeRequestTypes';
export * from './changeRequestMarker';
export * from './planTypes';
export * from './teamSummaryTypes';
