// The commands of `npm run anxue -- <command>`, each in its own module; electron/main/cli.ts runs them.
import { backupCommand } from './backup';
import { refused, type Out } from './common';
import { sayCli } from '../messages';
import { dbCommand } from './db';
import { demoCommand } from './demo';
import { exportCommand } from './export';
import { initCommand } from './init';
import { checkCommand, keyCommand, sealCommand } from './keys';
import { mergeCommand } from './merge';
import { accountsCommand, rosterCommand } from './people';
import { serveCommand } from './serve';
import { verifyCommand } from './verify';

/** The commands and their options, in the command line's language. */
const usage = () => sayCli('cli.usage');

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
      out(usage());
      return cmd === undefined ? 2 : 0;
    default:
      throw refused('cli.unknownCommand', { cmd, usage: { key: 'cli.usage' } });
  }
}
