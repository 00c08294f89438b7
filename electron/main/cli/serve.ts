// `serve`: the browser-mode server, running until SIGINT or SIGTERM.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../server';
import { routeConsoleToLog, serverLog } from '../log';
import { TlsProblem } from '../transport/tls';
import { hostName, isLoopbackName } from '../transport/host-check';
import { CliError, dbOf, need, redact, refused, type Out } from './common';

export async function serveCommand(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      db: { type: 'string' },
      'test-clock-speed': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'insecure-http': { type: 'boolean' },
    },
  });
  const dataDir = need(values.data, 'data');
  const port = Number(need(values.port, 'port'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw refused('cli.badPort', { port: String(values.port) });
  let clockSpeed = 1;
  if (values['test-clock-speed'] !== undefined) {
    // Test-only: lets an end-to-end test accrue study time fast. Refused unless the test
    // harness sets ANXUE_ALLOW_TEST_CLOCK=1; never used by the desktop app.
    if (process.env.ANXUE_ALLOW_TEST_CLOCK !== '1') throw refused('cli.testClockOnly');
    clockSpeed = Number(values['test-clock-speed']);
    if (!(clockSpeed >= 1 && clockSpeed <= 1000)) throw refused('cli.testClockRange');
  }
  const host = values.host ?? '127.0.0.1';
  const allowedHosts = values['allowed-host'] ?? [];
  for (const h of allowedHosts) if (!hostName(h)) throw refused('cli.badAllowedHost', { host: h });
  const db = dbOf(values.db);
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if (values['insecure-http'] && (certFile || keyFile)) throw refused('cli.insecureWithTls');
  if (Boolean(certFile) !== Boolean(keyFile)) throw refused('cli.tlsPair');
  const tls = values['insecure-http'] ? ('off' as const) : certFile && keyFile ? { certFile, keyFile } : undefined;
  let s: Awaited<ReturnType<typeof startServer>>;
  try {
    s = await startServer({ dataDir, port, host, clockSpeed, allowedHosts, ...(db ? { db } : {}), ...(tls ? { tls } : {}) });
  } catch (e) {
    if (e instanceof TlsProblem) throw new CliError(e.message);
    throw e;
  }
  if (db) out(`记录保存在 PostgreSQL：${redact(db)}（文件保存在 ${path.resolve(dataDir)}）`);
  if (clockSpeed !== 1) out(`警告：测试时钟加速 ${clockSpeed} 倍（仅供测试）`);
  const lan = !isLoopbackName(hostName(host) ?? host);
  if (s.tls) {
    const how = s.tls.source === 'supplied' ? `使用证书 ${s.tls.certFile}` : s.tls.source === 'generated' ? `已生成自签名证书 ${s.tls.certFile}` : `使用此前生成的自签名证书 ${s.tls.certFile}`;
    out(`HTTPS：${how}（有效期至 ${s.tls.validTo}）`);
    out(`证书 SHA-256 指纹（请在浏览器中核对）：${s.tls.fingerprint}`);
  }
  if (lan && !s.tls)
    out(
      `警告：--insecure-http：服务以明文 HTTP 对局域网开放，密码和登录凭据可被同一网络中的人截获。请只在可信的网络中临时使用 / WARNING: plain HTTP on the LAN: passwords and tokens can be read by anyone on the network`,
    );
  if (lan) out(`注意：服务对局域网开放（${host}）；只接受以本机地址、本机名称${allowedHosts.length ? '和 ' + allowedHosts.join('、') : ''}访问（其他名称用 --allowed-host 添加）`);
  if (lan && s.setupCode) out(`首次设置码（从其他电脑进行首次设置时填写，在本机设置不需要）：${s.setupCode}`);
  out(`安学浏览器模式已启动：${s.url}`);
  // from here on, standard error is the server's log: every line of it within the log's limit
  routeConsoleToLog();
  await new Promise<void>((resolve) => {
    const stop = () =>
      void s
        .close()
        .then(() => serverLog.flush())
        .then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
