export { coverageJson, zoneOverview } from './service.ts';
