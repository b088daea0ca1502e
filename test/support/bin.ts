import { spawn, type ChildProcess } from 'child_process';
import { createServer } from 'net';
import { BIN } from './paths';

// The compiled `jixiao` bin as a user runs it, for the tests that need it alongside their own work:
// each call is a child process that does not block this one (a stand-in or a browser may be answering).

export { BIN };

export interface BinResult {
  code: number | null;
  out: string;
  err: string;
}

/** Run the bin to completion; SQLite unless the test says otherwise, C locale for stable messages. */
export function runBin(...args: string[]): Promise<BinResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, LANG: 'C', DATABASE_URL: '' },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

/** `jixiao token create` for a unit's writer or a bureau reviewer: the token alone on the last line. */
export async function createToken(
  db: string,
  name: string,
  role: 'unit' | 'reviewer' = 'unit',
): Promise<string> {
  const r = await runBin('token', 'create', `--${role}`, name, '--db', db);
  if (r.code !== 0) throw new Error(`jixiao token create exited ${r.code}: ${r.err}`);
  return r.out.trim().split('\n').pop() ?? '';
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * `jixiao serve` over a SQLite file in the background; resolves with its URL once it listens, and what it
 * has written to stderr (its log) so far.
 */
export function startServe(
  port: number,
  db: string,
  corsOrigin?: string,
  env: Record<string, string> = {},
): Promise<{ url: string; proc: ChildProcess; log: () => string }> {
  const args = [
    BIN,
    'serve',
    '--port',
    String(port),
    '--db',
    db,
    ...(corsOrigin ? ['--cors-origin', corsOrigin] : []),
  ];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { env: { ...process.env, DATABASE_URL: '', ...env } });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], proc, log: () => err });
    });
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => reject(new Error(`jixiao serve exited ${code}: ${err}`)));
  });
}

export function stopServe(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.removeAllListeners('exit');
    proc.on('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}
