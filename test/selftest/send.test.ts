import { sendDiagnostics, type FetchLike } from '../../src/submit/client';
import type { SelfTestReport } from '../../src/submit/diagnostics';

// Sending a self-test report: POST /api/v1/diagnostics with the pane's token, 201 {id}; problem+json
// and refusals become messages in both languages, and nothing goes out without a token.

const report: SelfTestReport = {
  schema: 1,
  addinVersion: '0.1.0',
  at: '2026-11-27T23:00:00.000Z',
  host: {
    host: 'wps',
    platform: 'Windows',
    version: '12.1.0 (16120)',
    simulated: false,
    requirementSets: [],
  },
  checks: [{ id: 'colors.encoding', passed: false, reason: '调色板红色读回为 "#0000FF"', ms: 12 }],
};

function answering(status: number, body: unknown, type = 'application/json') {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': type },
    });
  };
  return { calls, fetch };
}

test('201 {id}: sent with the bearer token, the body the report as JSON', async () => {
  const { calls, fetch } = answering(201, { id: 'diag-7' });
  await expect(
    sendDiagnostics(report, { endpoint: 'https://jx.example.gov.cn/', token: 'w-1', fetch }),
  ).resolves.toEqual({
    ok: true,
    id: 'diag-7',
  });
  expect(calls).toHaveLength(1);
  expect(calls[0].url).toBe('https://jx.example.gov.cn/api/v1/diagnostics');
  expect(calls[0].init.method).toBe('POST');
  expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer w-1');
  expect(JSON.parse(String(calls[0].init.body))).toEqual(report);
});

test.each([
  [401, { type: 'about:blank', title: 'Unauthorized', status: 401 }, /令牌无效或已过期（401）/],
  [403, { type: 'about:blank', title: 'Forbidden', status: 403 }, /无权发送自检报告（403）/],
  [
    413,
    { type: 'about:blank', title: 'Payload Too Large', status: 413, detail: 'report too large' },
    /413|report too large/,
  ],
  [201, { nothing: true }, /应答无效/],
])('%i: a clear message, no exception', async (status, body, says) => {
  const { fetch } = answering(status, body, 'application/problem+json');
  const r = await sendDiagnostics(report, { endpoint: 'https://jx.example.gov.cn', token: 'w-1', fetch });
  expect(r.ok).toBe(false);
  expect(r.ok ? '' : r.message.zh).toMatch(says);
  expect(r.ok ? '' : r.message.en).not.toBe('');
});

test('no token: refused before anything is sent', async () => {
  const { calls, fetch } = answering(201, { id: 'x' });
  const r = await sendDiagnostics(report, { endpoint: 'https://jx.example.gov.cn', token: '', fetch });
  expect(r).toMatchObject({ ok: false, message: { zh: expect.stringContaining('令牌') } });
  expect(calls).toEqual([]);
});
