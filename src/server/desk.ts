import { randomBytes } from 'crypto';
import { existsSync, readFileSync, statSync } from 'fs';
import { basename, dirname, extname, join } from 'path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/** Where the desk's page is in the built bundle, whether this runs compiled (dist/server) or from src. */
export function defaultWebDir(): string {
  const parent = dirname(__dirname);
  return basename(parent) === 'dist' ? join(parent, 'web') : join(parent, '..', 'dist', 'web');
}

export const DESK_PATH = '/review/';
/** The page's placeholder, replaced per response by the nonce its style elements carry (Fluent's CSS-in-JS). */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
/** A file name of the bundle: no folders, nothing hidden, so no path can leave the desk's folder. */
const FILE = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;
/** A script named by its content's hash (`review.1a2b3c4d.js`): it never changes under that name. */
const HASHED = /^[A-Za-z0-9_-]+\.[0-9a-f]{8}\.js$/;

/**
 * Scripts from this origin only (no inline script, no eval); styles from here or with this response's
 * nonce; every fetch to this origin only, so the token cannot be sent anywhere else.
 */
export function deskCsp(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const NOT_BUILT =
  '审核台尚未构建：请在 jixiao 的目录中运行 npm run build，然后重新启动 jixiao serve。\n' +
  'The review desk is not built: run `npm run build` in the jixiao folder, then restart jixiao serve.\n';

/**
 * The bureau's review desk (`/review/`): the built page and its scripts, read from `webDir/review`. Public,
 * like any page: its data calls carry the reviewer's token.
 */
export function deskRoutes(webDir: string): FastifyPluginAsync {
  const dir = join(webDir, 'review');
  const secure = (reply: FastifyReply) =>
    reply
      .header('Referrer-Policy', 'no-referrer')
      .header('X-Frame-Options', 'DENY')
      .header('Cross-Origin-Opener-Policy', 'same-origin');
  return async (app) => {
    app.get('/review', async (_request, reply) => reply.redirect(DESK_PATH, 301));
    app.get(DESK_PATH, async (_request, reply) => {
      const index = join(dir, 'index.html');
      if (!existsSync(index)) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
      const nonce = randomBytes(18).toString('base64');
      const html = readFileSync(index, 'utf8').replaceAll(NONCE_PLACEHOLDER, nonce);
      return secure(reply)
        .header('Content-Security-Policy', deskCsp(nonce))
        .header('Cache-Control', 'no-store') // a new nonce each time, and it names this build's scripts
        .type('text/html; charset=utf-8')
        .send(html);
    });
    app.get<{ Params: { file: string } }>(`${DESK_PATH}:file`, async (request, reply) => {
      const { file } = request.params;
      const type = TYPES[extname(file)];
      const path = join(dir, file);
      if (!type || !FILE.test(file) || !existsSync(path) || !statSync(path).isFile())
        return reply.callNotFound();
      // A hashed script is kept for good: a returning reviewer's browser reuses it and the code it
      // compiled from it, which is most of the desk's start. Anything else is asked for again.
      return secure(reply)
        .header('Content-Security-Policy', "default-src 'none'")
        .header('Cache-Control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache')
        .type(type)
        .send(readFileSync(path));
    });
  };
}
