export { catalogGraphRelationsModule } from './catalogGraphRelationsModule';
