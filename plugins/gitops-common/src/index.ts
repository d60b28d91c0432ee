/**
 * Types, constants and permissions shared by the Shipshape GitOps plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './environment';
export * from './relations';
export * from './status';
export * from './permissions';
export * from './names';
export * from './report';
export * from './api';
export * from './client';
