import { spawn, type ChildProcess } from 'child_process';
import { createServer } from 'net';
import { join } from 'path';

// The real endpoint for browser tests: the compiled `jixiao serve` over a SQLite file, its tokens made
// with `jixiao token create`, as a finance bureau would run it.

const BIN = join(__dirname, '..', '..', 'bin', 'jixiao.js');

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`jixiao ${args[0]} exited ${code}: ${err}`)),
    );
  });
}

export async function createToken(db: string, unit: string): Promise<string> {
  const lines = (await run(['token', 'create', '--unit', unit, '--db', db])).trim().split('\n');
  return lines[lines.length - 1];
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `jixiao serve` in the background, allowing the page's origin; resolves once it listens. */
export function startServe(port: number, db: string, corsOrigin: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [BIN, 'serve', '--port', String(port), '--db', db, '--cors-origin', corsOrigin],
      {
        env: { ...process.env, DATABASE_URL: '' },
      },
    );
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/listening on http/.test(out)) resolve(proc);
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
