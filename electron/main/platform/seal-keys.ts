// The records' seal keys (storage/lowdb/seal.ts) on the desktop: encrypted by the OS key store through
// Electron's safeStorage (DPAPI on Windows, the Keychain on macOS, the desktop's secret service on
// Linux), in the user's own app folder, outside the data folder. Where the OS offers no key store
// (Linux without one: safeStorage falls back to a fixed key), the key files are kept as the
// browser-mode server keeps them, readable by this user only.
import { app, safeStorage } from 'electron';
import path from 'node:path';
import { folderKeyStore, type KeyStore } from '../storage/lowdb/seal';

export function desktopKeyStore(): KeyStore {
  const dir = path.join(app.getPath('userData'), 'seal-keys');
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : null;
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') return folderKeyStore(dir);
  return folderKeyStore(dir, {
    encode: (key) => safeStorage.encryptString(key.toString('hex')),
    decode: (stored) => Buffer.from(safeStorage.decryptString(stored), 'hex'),
  });
}
