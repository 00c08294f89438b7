// Set-up file of the vitest project "e2e-pg": each end-to-end file gets a database of its own on
// the throwaway cluster, named in ANXUE_DB, so every `anxue` process it starts (init, roster
// import, serve) keeps its records in PostgreSQL instead of lowdb files.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabase } from './pg';

process.env.ANXUE_DB = await createDatabase(inject('pgUrl'), `anxue_e2e_${randomBytes(6).toString('hex')}`);
