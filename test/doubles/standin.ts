import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { Declaration } from '../../src/model';
import { fixture } from '../support/helpers';
import { validate } from '../../src/rules';
import {
  API_PREFIX,
  DEFAULT_BODY_LIMIT,
  declarationHash,
  identityOf,
  type DeclarationSummary,
  type Problem,
  type Receipt,
} from '../../src/submit/protocol';

/**
 * A small stand-in for `jixiao serve` on loopback that speaks the wire protocol of src/submit/protocol.ts:
 * 201 with a receipt, 200 with the same receipt on replay, 401, 400, 409, 413, 415, 422 with findings;
 * and, on demand, failures a real network produces: 500s, 429 with Retry-After, answers that never come,
 * answers that are not the protocol.
 */

/** The unit the stand-in's token belongs to; like `jixiao serve`, it stores only that unit's declarations. */
export const UNIT = '江阴市司法局';

/** A seed declaration filled in by UNIT (the seeds leave 填报单位 blank). */
export function unitFixture(name: string): Declaration {
  return { ...fixture(name), unit: UNIT };
}

export type Behaviour =
  | { kind: 'protocol' }
  /** every request gets this status and a problem body */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** never answers */
  | { kind: 'hang' }
  /** 201 with a body that is not a receipt */
  | { kind: 'garbage' };

export interface SeenRequest {
  method: string;
  path: string;
  key: string | undefined;
  authorization: string | undefined;
  status: number;
}

export interface StandIn {
  url: string;
  port: number;
  token: string;
  unit: string;
  behaviour: Behaviour;
  /** the next n requests get a 500 before the protocol resumes */
  failNext: number;
  requests: SeenRequest[];
  /** receipts by idempotency key */
  stored: Map<string, Receipt>;
  /** back to the protocol, nothing stored, no requests seen */
  reset(): void;
  close(): Promise<void>;
}

const problem = (status: number, title: string, detail?: string, extra: Partial<Problem> = {}): Problem => ({
  type: 'about:blank',
  title,
  status,
  ...(detail ? { detail } : {}),
  ...extra,
});

export async function startStandIn(
  opts: { port?: number; token?: string; unit?: string } = {},
): Promise<StandIn> {
  const versions = new Map<string, number>();
  /** the latest version of each declaration, as `GET /api/v1/declarations` lists it */
  const latest = new Map<string, DeclarationSummary>();
  let ids = 0;
  const sockets = new Set<import('net').Socket>();
  const state: StandIn = {
    url: '',
    port: 0,
    token: opts.token ?? 'test-token-unit-a',
    unit: opts.unit ?? UNIT,
    behaviour: { kind: 'protocol' },
    failNext: 0,
    requests: [],
    stored: new Map(),
    reset: () => {
      state.behaviour = { kind: 'protocol' };
      state.failNext = 0;
      state.requests.length = 0;
      state.stored.clear();
      versions.clear();
      latest.clear();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const send = (res: ServerResponse, seen: SeenRequest, status: number, body: unknown, headers = {}) => {
    seen.status = status;
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    res.writeHead(status, { 'content-type': type, ...cors, ...headers }).end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const seen: SeenRequest = {
      method: req.method ?? '',
      path,
      key: header('idempotency-key'),
      authorization: header('authorization'),
      status: 0,
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    state.requests.push(seen);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size <= DEFAULT_BODY_LIMIT) chunks.push(c as Buffer);
    }

    const b = state.behaviour;
    if (b.kind === 'hang') return; // the socket stays open until close()
    if (state.failNext > 0) {
      state.failNext--;
      return send(res, seen, 500, problem(500, 'Internal Server Error'));
    }
    if (b.kind === 'status')
      return send(
        res,
        seen,
        b.status,
        problem(b.status, `status ${b.status}`, 'forced by the test'),
        b.retryAfter ? { 'retry-after': b.retryAfter } : {},
      );
    if (b.kind === 'garbage') return send(res, seen, 201, { hello: 'world' });

    if ((req.method !== 'POST' && req.method !== 'GET') || path !== `${API_PREFIX}/declarations`)
      return send(res, seen, 404, problem(404, 'Not Found'));
    if (seen.authorization !== `Bearer ${state.token}`)
      return send(res, seen, 401, problem(401, 'Unauthorized', 'missing or unknown token'));
    if (req.method === 'GET') {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const items = [...latest.values()].filter(
        (i) =>
          (!q.has('year') || String(i.year) === q.get('year')) &&
          (!q.has('kind') || i.kind === q.get('kind')),
      );
      return send(res, seen, 200, { items });
    }
    if (!/^application\/json\b/.test(header('content-type') ?? ''))
      return send(res, seen, 415, problem(415, 'Unsupported Media Type'));
    if (size > DEFAULT_BODY_LIMIT) return send(res, seen, 413, problem(413, 'Payload Too Large'));
    if (!seen.key) return send(res, seen, 400, problem(400, 'Bad Request', 'Idempotency-Key is required'));
    let data: unknown;
    try {
      data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, seen, 400, problem(400, 'Bad Request', 'body is not JSON'));
    }
    const parsed = Declaration.safeParse(data);
    if (!parsed.success) return send(res, seen, 400, problem(400, 'Bad Request', 'not a declaration'));
    if (parsed.data.unit.normalize('NFKC').trim() !== state.unit)
      return send(res, seen, 403, problem(403, 'Forbidden', 'This token submits only for its own unit.'));
    const hash = await declarationHash(parsed.data);
    const replay = state.stored.get(seen.key);
    if (replay) {
      if (replay.sha256 !== hash)
        return send(res, seen, 409, problem(409, 'Conflict', 'Idempotency-Key reused for other content'));
      return send(res, seen, 200, replay);
    }
    // The client's keys: the content's hash, and the version it supersedes when there is one.
    if (!new RegExp(`^jx1-${hash}(-v\\d+)?$`).test(seen.key ?? ''))
      return send(res, seen, 409, problem(409, 'Conflict', 'Idempotency-Key does not match the body'));
    const findings = validate(parsed.data).filter((f) => f.severity === 'error');
    if (findings.length > 0)
      return send(
        res,
        seen,
        422,
        problem(422, 'Unprocessable Content', 'the declaration has errors', { findings }),
      );
    const who = JSON.stringify(identityOf(parsed.data));
    const version = (versions.get(who) ?? 0) + 1;
    versions.set(who, version);
    const receipt: Receipt = {
      id: latest.get(who)?.id ?? `decl-${++ids}`,
      version,
      receivedAt: new Date().toISOString(),
      sha256: hash,
    };
    state.stored.set(seen.key, receipt);
    const { year, kind, name } = identityOf(parsed.data);
    latest.set(who, { ...receipt, unit: state.unit, year, kind, name, versions: version });
    return send(res, seen, 201, receipt);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  return state;
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, idempotency-key',
  'access-control-max-age': '600',
};

/** A loopback port nothing listens on (it was free a moment ago): "offline". */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A clock and timers the test moves by hand. */
export class ManualClock {
  t = Date.UTC(2025, 0, 6, 9, 0, 0);
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  now = (): number => this.t;
  setTimer = (fn: () => void, ms: number): (() => void) => {
    const id = ++this.ids;
    this.timers.push({ at: this.t + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((x) => x.id !== id);
    };
  };
  /** the time the earliest pending timer fires, if any */
  get nextTimer(): number | undefined {
    return this.timers.length ? Math.min(...this.timers.map((x) => x.at)) : undefined;
  }
  get pending(): number {
    return this.timers.length;
  }
  /** move time on and fire what became due */
  advance(ms: number): void {
    this.t += ms;
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.fn();
  }
}
