// Global set-up of the vitest project "pg": one throwaway PostgreSQL cluster for the whole run,
// its address handed to the tests (inject('pgUrl')), stopped at the end. Each test app makes a
// schema of its own in it.
import type { TestProject } from 'vitest/node';
import { startPgCluster } from './pg';

export default async function setup(project: TestProject) {
  const cluster = await startPgCluster();
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
