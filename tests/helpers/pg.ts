// A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, started on a free
// port on 127.0.0.1, stopped and removed afterwards. As root (CI), the cluster runs as the
// `postgres` user (initdb refuses root). Debian's `postgresql` package provides the programs.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgCluster {
  url: string;
  stop(): void;
}

/** The folder of initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function pgBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql)');
  const root = mkdtempSync(path.join(os.tmpdir(), 'anxue-pg-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    if (asRoot) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')], { stdio: 'pipe' });
    else execFileSync(cmd, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    const pw = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(root, Number(pw), Number(gid));
  }
  const data = path.join(root, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'anxue', '-E', 'UTF8', '--locale=C.UTF-8']);
  // durability stays on (fsync, synchronous_commit): the crash tests rely on it
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=300`, '-l', path.join(root, 'log'), '-w', 'start']);
  return {
    url: `postgres://anxue@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/** A new, empty database on the cluster at `base`; its address. */
export async function createDatabase(base: string, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await c.end();
  }
  return base.replace(/\/postgres$/, `/${name}`);
}
