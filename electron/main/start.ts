// `npm start`: the Electron app where its runtime is installed; otherwise browser mode, said in
// one clear line. Electron's npm package downloads its binary on first use; we never trigger that
// download here, we only look for the binary.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server';
import { routeConsoleToLog, serverLog } from './log';
import { electronBinary } from './start-detect';
import { sayCli as say } from './messages';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

function newestMtime(dir: string): number {
  let m = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    m = Math.max(m, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return m;
}

/** Build the renderer when it is missing or older than its sources. */
function ensureRendererBuilt() {
  const index = path.join(root, 'dist/renderer/index.html');
  const srcNewest = Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'electron/shared')), newestMtime(path.join(root, 'electron/core')));
  if (existsSync(index) && statSync(index).mtimeMs >= srcNewest) return;
  console.log(say('cli.start.building'));
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(say('cli.start.buildFailed'));
}

async function main() {
  const t0 = performance.now();
  ensureRendererBuilt();
  const bin = electronBinary();
  if (bin && process.env.ANXUE_BROWSER_MODE !== '1') {
    const main = path.join(root, 'dist/electron/main.cjs');
    if (!existsSync(main)) {
      const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:electron'], { cwd: root, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(say('cli.start.mainBuildFailed'));
    }
    const child = spawn(bin, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  const dataDir = process.env.ANXUE_DATA ?? path.join(os.homedir(), '.anxue-data');
  const port = Number(process.env.PORT ?? 5180);
  console.log(say('cli.start.noElectron', { dir: dataDir }));
  const s = await startServer({ dataDir, port, host: '127.0.0.1' });
  console.log(say('cli.start.ready', { url: s.url, ms: Math.round(performance.now() - t0) }));
  // from here on, standard error is the server's log: every line of it within the log's limit
  routeConsoleToLog();
  const stop = () =>
    void s.close().then(() => {
      serverLog.flush();
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`anxue: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
