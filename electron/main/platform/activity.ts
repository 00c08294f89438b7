// The OS's view of the person at the desk: screen lock (powerMonitor events) and system idle time.
import { powerMonitor } from 'electron';
import type { DesktopActivity } from '../transport/ipc';

export function desktopActivity(): DesktopActivity {
  let locked = false;
  powerMonitor.on('lock-screen', () => (locked = true));
  powerMonitor.on('unlock-screen', () => (locked = false));
  powerMonitor.on('suspend', () => (locked = true));
  powerMonitor.on('resume', () => (locked = false));
  return { locked: () => locked, systemIdleSeconds: () => powerMonitor.getSystemIdleTime() };
}
