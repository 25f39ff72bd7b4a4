export { coverageTree, zoneOverview } from './service.ts';
