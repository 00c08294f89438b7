// Headless commands for admins and archivists: npm run anxue -- <command>.
// Each command checks its input before it writes anything, and fails with one line and a non-zero exit.
// The commands live in ./cli/; this file stays the entry point that npm scripts and tests run by path.
import path from 'node:path';
import { ApiError } from './services/errors';
import { CliError } from './cli/common';
import { cliLang, sayIn } from './messages';
import { saidOf } from '../core/message';
// './cli' alone would resolve to this very file, not to the folder
import { runCli } from './cli/index';

export { CliError, redact } from './cli/common';
export { runCli } from './cli/index';

export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await runCli(argv);
  } catch (e) {
    // a refusal, or any error that carries a message for people (the store's, a backup's), in the command line's language
    const said = e instanceof ApiError ? { key: e.key, params: e.params } : saidOf(e);
    const msg = said ? sayIn(cliLang(), said) : e instanceof Error ? e.message : String(e);
    console.error(`anxue: ${msg.split('\n')[0]}`);
    if (e instanceof CliError && msg.includes('\n')) console.log(msg.split('\n').slice(1).join('\n'));
    process.exitCode = e instanceof CliError || e instanceof ApiError ? 2 : 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  void main(process.argv.slice(2));
}
