import { adviceModule } from './advice/module.ts';
import { dashboardModule } from './dashboard/module.ts';
import { frichesModule } from './friches/module.ts';
import { lightsModule } from './lights/module.ts';
import type { ModuleView } from './modules.ts';
import { territoryModule } from './territory/module.ts';

/** Every module of the shell, one line each; order = hook call order (stable). */
export const MODULE_VIEWS: ModuleView[] = [
  territoryModule,
  lightsModule,
  adviceModule,
  frichesModule,
  dashboardModule,
];
