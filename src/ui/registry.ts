import { adviceModule } from './advice/module.ts';
import { dashboardModule } from './dashboard/module.ts';
import { lightsModule } from './lights/module.ts';
import type { ModuleView } from './modules.ts';
import { placeholderModule } from './panels/PlaceholderPanel.tsx';
import { territoryModule } from './territory/module.ts';

/** Every module of the shell, one line each; order = hook call order (stable). */
export const MODULE_VIEWS: ModuleView[] = [
  territoryModule,
  lightsModule,
  adviceModule,
  placeholderModule('friches'),
  dashboardModule,
];
