// Electron entry: single-instance lock, one secure window, the IPC transport. Thin by design:
// everything it calls is tested without Electron; this file itself could not be run on our
// build machines (no Electron runtime there).
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import path from 'node:path';
import { openApp } from './app';
import { dailyCheckpoints } from './services/signing/signing';
import { desktopActivity } from './platform/activity';
import { desktopKeyStore } from './platform/seal-keys';
import { filePicker } from './platform/file-dialog';
import { isExternalLink, mainWindowOptions } from './platform/window-options';
import { registerIpc } from './transport/ipc';

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(() => {
    const dataDir = argValue('--data') ?? process.env.ANXUE_DATA ?? path.join(app.getPath('userData'), 'data');
    const contentDir = app.isPackaged ? path.join(process.resourcesPath, 'content') : path.join(app.getAppPath(), 'content');
    // the records' seal key in the OS key store, never in the data folder (storage/lowdb/seal.ts)
    const ports = openApp({ dataDir, contentDir, keys: desktopKeyStore() });
    // an upload from a file on this PC: chosen in the dialog, copied in by this process (upload.fromDialog)
    ports.desktop = filePicker(() => win);
    registerIpc(ipcMain, ports, desktopActivity());
    // signed checkpoints at each day's end, once an admin has signed in (services/signing/signing.ts)
    dailyCheckpoints(ports);
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));
    win = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
    win.webContents.setWindowOpenHandler(({ url }) => {
      if (isExternalLink(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    win.webContents.on('will-navigate', (e, url) => {
      if (!url.startsWith('file://')) e.preventDefault();
    });
    win.once('ready-to-show', () => win?.show());
    void win.loadFile(path.join(__dirname, '../renderer/index.html'));
    app.on('before-quit', () => void ports.close());
  });
  app.on('window-all-closed', () => app.quit());
}
