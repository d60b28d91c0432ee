export { gitopsApiRef } from './GitopsApi';
