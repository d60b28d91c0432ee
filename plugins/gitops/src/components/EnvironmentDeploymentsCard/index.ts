export { EnvironmentDeploymentsCard } from './EnvironmentDeploymentsCard';
