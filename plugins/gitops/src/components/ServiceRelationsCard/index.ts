export { ServiceRelationsCard } from './ServiceRelationsCard';
