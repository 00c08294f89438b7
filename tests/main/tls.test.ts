// TLS on the LAN, with real server processes: `serve --host 0.0.0.0` with no
// flags serves HTTPS with a certificate it makes and keeps, printing its SHA-256 fingerprint; a
// client that pins that fingerprint logs in; a plain-HTTP client gets nothing useful; HSTS on
// every answer; the plant's own certificate; --insecure-http warns; bad files are refused by name.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli';
import { postJson } from '../helpers/raw-http';
import { startServeProcess } from '../helpers/server-process';
import { removeDir, tempDir } from '../helpers/temp-app';

const dirs: string[] = [];
let data: string;
beforeAll(() => {
  data = tempDir('anxue-tls-');
  dirs.push(data);
  const work = tempDir('anxue-tls-work-');
  dirs.push(work);
  writeFileSync(path.join(work, 'pw.txt'), 'tls-admin-pass');
  const init = cli(['init', '--data', data, '--enterprise', 'TLS 测试化工（虚构）', '--admin', 'admin', '--password-file', path.join(work, 'pw.txt')]);
  if (init.status !== 0) throw new Error(init.stderr);
});
afterAll(() => dirs.forEach(removeDir));

const fingerprintOf = (out: string) => /证书 SHA-256 指纹（请在浏览器中核对）：([0-9A-F:]{95})/.exec(out)?.[1] ?? null;

/** POST a call over HTTPS to 127.0.0.1, accepting the server only if its certificate has the pinned fingerprint. */
function pinnedPost(port: number, pin: string, call: string, body: unknown, extra: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${call}`,
        headers: { 'Content-Type': 'application/json', Host: `localhost:${port}`, ...extra },
        // a self-signed certificate: trusted because its fingerprint is the one the admin saw printed
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        const cert = (res.socket as TLSSocket).getPeerX509Certificate();
        if (!cert || cert.fingerprint256 !== pin) return reject(new Error(`certificate fingerprint ${cert?.fingerprint256} is not the pinned one`));
        let text = '';
        res.on('data', (b: Buffer) => (text += b.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** Plain HTTP to the port: what comes back within a second (nothing, or TLS bytes, never an HTTP answer). */
function plainHttp(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () =>
      s.write(`POST /api/auth.login HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: 45\r\n\r\n{"employeeNo":"admin","password":"tls-admin"}`),
    );
    let got = '';
    s.on('data', (b: Buffer) => (got += b.toString('latin1')));
    s.on('error', () => resolve(got));
    s.on('close', () => resolve(got));
    setTimeout(() => (s.destroy(), resolve(got)), 1000);
  });
}

describe('TLS on the LAN', () => {
  let pin: string;

  it('with no flags: HTTPS with a generated certificate, its fingerprint printed; a pinning client logs in; HSTS', async () => {
    const srv = await startServeProcess(['--data', data, '--port', '0', '--host', '0.0.0.0']);
    try {
      expect(srv.url).toMatch(/^https:\/\/localhost:\d+\/$/);
      expect(srv.output()).toContain('已生成自签名证书');
      pin = fingerprintOf(srv.output())!;
      expect(pin).not.toBeNull();
      // the certificate kept in the data folder is the one printed; the key is the owner's only
      expect(new X509Certificate(readFileSync(path.join(data, 'tls', 'anxue-cert.pem'))).fingerprint256).toBe(pin);
      expect(execFileSync('stat', ['-c', '%a', path.join(data, 'tls', 'anxue-key.pem')], { encoding: 'utf8' }).trim()).toBe('600');
      const port = Number(new URL(srv.url).port);
      const r = await pinnedPost(port, pin, 'auth.login', { employeeNo: 'admin', password: 'tls-admin-pass' });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ token: expect.any(String), me: { employeeNo: 'admin' } });
      expect(r.headers['strict-transport-security']).toBe('max-age=31536000');
      // a client pinning another fingerprint refuses the server
      await expect(pinnedPost(port, pin.replace(/^../, pin.startsWith('00') ? '11' : '00'), 'setup.status', {})).rejects.toThrow(/not the pinned one/);
      // plain HTTP to the TLS port: no HTTP answer, and nothing of the login
      const plain = await plainHttp(port);
      expect(plain.startsWith('HTTP/')).toBe(false);
      expect(plain).not.toContain('token');
    } finally {
      await srv.stop();
    }
  });

  it('started again, it keeps the same certificate; a call is served to its own https origin only', async () => {
    const srv = await startServeProcess(['--data', data, '--port', '0', '--host', '0.0.0.0']);
    try {
      expect(srv.output()).toContain('使用此前生成的自签名证书');
      expect(fingerprintOf(srv.output())).toBe(pin);
      // the origin is the scheme it is served on: a page of the same name and port over plain HTTP is another origin
      const port = Number(new URL(srv.url).port);
      expect((await pinnedPost(port, pin, 'setup.status', {}, { Origin: `https://localhost:${port}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
      const plainPage = await pinnedPost(port, pin, 'setup.status', {}, { Origin: `http://localhost:${port}` });
      expect(plainPage).toMatchObject({ status: 403, json: { code: 'forbidden' } });
      // the log line comes on another pipe than the answer: waited for, not raced
      await vi.waitFor(() => expect(srv.output()).toMatch(new RegExp(`403 POST /api/setup\\.status from 127\\.0\\.0\\.1: .*http://localhost:${port}`)), { timeout: 120_000 });
    } finally {
      await srv.stop();
    }
  });

  it("the plant's own certificate and key (--tls-cert, --tls-key)", async () => {
    const work = tempDir('anxue-tls-own-');
    dirs.push(work);
    const cert = path.join(work, 'plant.crt');
    const key = path.join(work, 'plant.key');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '30',
        '-subj',
        '/CN=anxue.plant.example',
        '-addext',
        'subjectAltName=DNS:anxue.plant.example,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    const own = new X509Certificate(readFileSync(cert)).fingerprint256;
    const srv = await startServeProcess(['--data', data, '--port', '0', '--host', '0.0.0.0', '--allowed-host', 'anxue.plant.example', '--tls-cert', cert, '--tls-key', key]);
    try {
      expect(srv.output()).toContain(`使用证书 ${cert}`);
      expect(fingerprintOf(srv.output())).toBe(own);
      const r = await pinnedPost(Number(new URL(srv.url).port), own, 'setup.status', {});
      expect(r).toMatchObject({ status: 200, json: { initialized: true } });
    } finally {
      await srv.stop();
    }
    // a key that is not the certificate's, a file that is no certificate, one of the two alone: refused by name
    const other = path.join(work, 'other.key');
    execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', other], { stdio: 'ignore' });
    const mismatch = cli(['serve', '--data', data, '--port', '0', '--host', '0.0.0.0', '--tls-cert', cert, '--tls-key', other]);
    expect(mismatch.status).not.toBe(0);
    expect(mismatch.stderr).toContain(`私钥与证书不配对：${other} 不是 ${cert} 的私钥`);
    const notCert = path.join(work, 'notes.txt');
    writeFileSync(notCert, 'hello');
    expect(cli(['serve', '--data', data, '--port', '0', '--tls-cert', notCert, '--tls-key', key]).stderr).toContain(`不是 PEM 格式的证书：${notCert}`);
    expect(cli(['serve', '--data', data, '--port', '0', '--tls-cert', cert]).stderr).toContain('--tls-cert 和 --tls-key 需要一起给出');
  });

  it('--insecure-http: plain HTTP on the LAN, with a warning at every start; loopback stays plain without one', async () => {
    const srv = await startServeProcess(['--data', data, '--port', '0', '--host', '0.0.0.0', '--insecure-http']);
    try {
      expect(srv.url).toMatch(/^http:\/\//);
      expect(srv.output()).toContain('警告：--insecure-http：服务以明文 HTTP 对局域网开放');
    } finally {
      await srv.stop();
    }
    const local = await startServeProcess(['--data', data, '--port', '0']);
    try {
      expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect(local.output()).not.toContain('警告');
      expect(local.output()).not.toContain('HTTPS');
    } finally {
      await local.stop();
    }
  });
});

describe('login limits across a restart of the server process', () => {
  it('five wrong passwords, the server stopped and started again: the right password is still refused, with when to try again', async () => {
    const work = tempDir('anxue-restart-');
    dirs.push(work);
    writeFileSync(path.join(work, 'r.csv'), ['工号,姓名,部门/车间,班组,岗位,人员类别,班子成员', 'R001,重启测试,甲醇车间,,操作工,其他从业人员,否'].join('\n'));
    const imported = cli(['roster', 'import', path.join(work, 'r.csv'), '--data', data]);
    expect(imported.status, imported.stderr).toBe(0);
    const pw = /R001\t\S+\t(\S{10})/.exec(imported.stdout)![1]!;
    let srv = await startServeProcess(['--data', data, '--port', '0']);
    try {
      for (let i = 0; i < 5; i++) expect((await postJson(srv.url, 'auth.login', { employeeNo: 'R001', password: `wrong-${i}` })).status).toBe(401);
    } finally {
      await srv.stop();
    }
    srv = await startServeProcess(['--data', data, '--port', '0']);
    try {
      const r = await postJson(srv.url, 'auth.login', { employeeNo: 'R001', password: pw });
      expect(r.status).toBe(429);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(200);
      expect(JSON.parse(r.text)).toMatchObject({ code: 'rate_limited', field: 'employeeNo' });
    } finally {
      await srv.stop();
    }
  });
});
