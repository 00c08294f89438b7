// The commands of `npm run anxue -- <command>`, each in its own module; electron/main/cli.ts runs them.
import { backupCommand } from './backup';
import { CliError, type Out } from './common';
import { dbCommand } from './db';
import { demoCommand } from './demo';
import { exportCommand } from './export';
import { initCommand } from './init';
import { checkCommand, keyCommand, sealCommand } from './keys';
import { mergeCommand } from './merge';
import { accountsCommand, rosterCommand } from './people';
import { serveCommand } from './serve';
import { verifyCommand } from './verify';

const USAGE = `用法 / usage: npm run anxue -- <command>
  init --data DIR --enterprise NAME --admin USER --password-file FILE [--admin-name NAME] [--db postgres://…]
  roster import FILE --data DIR [--db postgres://…]
  accounts list --data DIR [--db postgres://…]
  accounts grant|revoke EMPLOYEE_NO ROLE --data DIR   (ROLE: employee, officer, archivist, admin)
  accounts reset-password|disable|enable|end-sessions EMPLOYEE_NO --data DIR [--reason TEXT]
  demo --data DIR [--db URL]
  serve --data DIR --port N [--host H] [--allowed-host NAME …] [--db postgres://…]
        [--tls-cert FILE --tls-key FILE | --insecure-http]   (beyond this PC: HTTPS, with a certificate made and kept in DIR/tls unless given)
  export person EMPLOYEE_NO --data DIR --out DIR [--db postgres://…] [--sign-as ADMIN --password-file FILE]
  export batch --data DIR --out DIR [--campaign ID] [--dept D] [--team T] [--zip] [--db postgres://…]
  export workstation --data DIR --out FILE.zip [--station NAME]   (a PC that ran on its own, for merge)
  merge SOURCE --data DIR [--db postgres://…] [--station NAME] [--admin NO --password-file FILE]
                               (SOURCE: that .zip, or the PC's data folder)
  (--db, or ANXUE_DB: records in that PostgreSQL database; --data then holds files only)
  verify PATH [--key FILE|FINGERPRINT]   (an export folder, a folder of exports, or a .zip of either: exit 0 intact,
                               1 altered (or, with --key, not signed by that key), 2 not an archive or not readable)
  check --data DIR [--admin NO --password-file FILE]   (every record against its seal and its signed checkpoints:
                               exit 0 all match, 1 a record was rewritten; --admin: on a PC that does not hold the seal key)
  seal status|unlock --data DIR [--admin NO --password-file FILE]   (the records' seal key on this PC: unlock takes it
                               from an admin's copy, for a folder brought from another PC)
  key --data DIR [--out FILE]  (the signing key's fingerprint; --out: its public key, for an inspector)
  backup --out FILE.zip --data DIR [--db postgres://…]      (while the server runs, too)
  restore FILE.zip --data DIR [--db postgres://…] [--admin NO --password-file FILE]
                               (into a new folder or an empty database; --admin: a sealed backup on another PC)
  db migrate --db postgres://…                     (the database's schema to this program's version)
  db import-folder DIR --db postgres://… [--data FILES]   (a lowdb data folder into PostgreSQL; run again to resume)
  db export-folder DIR --db postgres://… --data FILES     (PostgreSQL into a new lowdb data folder)`;

export async function runCli(argv: string[], out: Out = (l) => console.log(l)): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'init':
      return initCommand(rest, out);
    case 'roster':
      return rosterCommand(rest, out);
    case 'accounts':
      return accountsCommand(rest, out);
    case 'demo':
      return demoCommand(rest, out);
    case 'serve':
      return serveCommand(rest, out);
    case 'db':
      return dbCommand(rest, out);
    case 'merge':
      return mergeCommand(rest, out);
    case 'backup':
    case 'restore':
      return backupCommand(cmd, rest, out);
    case 'export':
      return exportCommand(rest, out);
    case 'check':
      return checkCommand(rest, out);
    case 'seal':
      return sealCommand(rest, out);
    case 'key':
      return keyCommand(rest, out);
    case 'verify':
      return verifyCommand(rest, out);
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      throw new CliError(`未知命令：${cmd}\n${USAGE}`);
  }
}
