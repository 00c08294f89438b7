// Set-up file of the vitest project "e2e-pg": each end-to-end file gets a database of its own on
// the throwaway cluster, named in ANXUE_DB, so every `anxue` process it starts (init, roster
// import, serve) keeps its records in PostgreSQL instead of lowdb files.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

const base = inject('pgUrl');
const name = `anxue_e2e_${randomBytes(6).toString('hex')}`;
const c = new pg.Client({ connectionString: base });
await c.connect();
await c.query(`CREATE DATABASE ${name}`);
await c.end();
process.env.ANXUE_DB = base.replace(/\/postgres$/, `/${name}`);
