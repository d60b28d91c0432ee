import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogGraphRelationsModule } from './modules/catalogGraph';
import { navModule } from './modules/nav';

// Every plugin in this package's dependencies (the Shipshape GitOps plugin included) is
// discovered through `app.packages: all` in app-config.yaml.
export default createApp({
  features: [catalogPlugin, navModule, catalogGraphRelationsModule],
});
