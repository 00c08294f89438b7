// Browser / LAN mode entry: the same services over HTTP, serving the built renderer.
// No electron import here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { openApp } from './app';
import { createHttpServer } from './transport/http';
import type { Ports } from './services/ports';

export interface ServeOptions {
  dataDir: string;
  port: number;
  host: string;
  rendererDir?: string;
  contentDir?: string;
  clockSpeed?: number;
}

export function defaultRendererDir(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist/renderer');
}

export async function startServer(o: ServeOptions): Promise<{ url: string; ports: Ports; close: () => Promise<void> }> {
  const ports = openApp({ dataDir: o.dataDir, contentDir: o.contentDir, clockSpeed: o.clockSpeed });
  const rendererDir = o.rendererDir ?? defaultRendererDir();
  const server = createHttpServer(ports, existsSync(path.join(rendererDir, 'index.html')) ? rendererDir : null);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, o.host, () => resolve());
    });
  } catch (e) {
    ports.store.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'EADDRINUSE' ? `端口 ${o.port} 已被占用，请换一个端口（--port）` : `无法在 ${o.host}:${o.port} 上启动服务：${String(e)}`);
  }
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const shownHost = o.host === '0.0.0.0' || o.host === '::' ? 'localhost' : o.host;
  return {
    url: `http://${shownHost}:${port}/`,
    ports,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => {
          ports.store.close();
          resolve();
        });
      }),
  };
}
