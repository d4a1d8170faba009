// The serve host's UI origin rules (electron/host/webui/ui-request-rules.ts, tickets.ts, frame-page.ts), pure.
import { describe, expect, it } from 'vitest';
import { framePage } from '../../../electron/host/webui/frame-page';
import { Tickets } from '../../../electron/host/webui/tickets';
import { admit, answerHeaders, upstreamHeaders } from '../../../electron/host/webui/ui-request-rules';

const own = { origin: 'http://127.0.0.1:45001', port: 45001 };

describe('UI origin: which requests it answers', () => {
  it('its own Host only, an Origin only its own', () => {
    expect(admit({ host: '127.0.0.1:45001' }, own)).toEqual({ ok: true });
    expect(admit({ host: 'evil.example:45001' }, own)).toMatchObject({ ok: false, status: 421 });
    expect(admit({ host: '127.0.0.1:45001', origin: 'http://127.0.0.1:45001' }, own)).toEqual({ ok: true });
    expect(admit({ host: '127.0.0.1:45001', origin: 'http://127.0.0.1:41000' }, own)).toMatchObject({ ok: false, status: 403 });
  });
  it('from another 127.0.0.1 origin only a navigation (the app frame loading it); nothing cross-site', () => {
    const h = (site: string, mode: string) => ({ host: '127.0.0.1:45001', 'sec-fetch-site': site, 'sec-fetch-mode': mode });
    expect(admit(h('same-site', 'navigate'), own).ok).toBe(true);
    expect(admit(h('same-origin', 'cors'), own).ok).toBe(true);
    expect(admit(h('same-site', 'cors'), own).ok).toBe(false);
    expect(admit(h('same-site', 'no-cors'), own).ok).toBe(false);
    expect(admit(h('cross-site', 'navigate'), own).ok).toBe(false);
  });
});

describe('UI origin: headers', () => {
  it('upstream: no cookie (the app token arrives here too: cookies ignore ports), no credentials, the proxy as Host', () => {
    const out = upstreamHeaders(
      {
        host: '127.0.0.1:45001',
        cookie: 'flinkdesk_token=APP; flinkdesk_ui_45001=UI',
        authorization: 'Bearer x',
        origin: 'http://127.0.0.1:45001',
        referer: 'http://127.0.0.1:45001/',
        connection: 'keep-alive, x-drop',
        'x-drop': '1',
        accept: 'application/json',
        'content-type': 'application/json',
      },
      '127.0.0.1:38081',
    );
    expect(out).toEqual({ host: '127.0.0.1:38081', accept: 'application/json', 'content-type': 'application/json' });
  });
  it('back: no cookies set, no CORS grants, framed only by the app, a redirect to the proxy kept relative', () => {
    const out = answerHeaders(
      {
        'content-type': 'text/html',
        'set-cookie': ['flinkdesk_token=evil'],
        'access-control-allow-origin': '*',
        location: 'http://127.0.0.1:38081/#/overview',
        'transfer-encoding': 'chunked',
      },
      'http://127.0.0.1:38081',
      'http://127.0.0.1:41000',
    );
    expect(out).toEqual({
      'content-type': 'text/html',
      location: '/#/overview',
      'content-security-policy': 'frame-ancestors http://127.0.0.1:41000',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(answerHeaders({ 'content-security-policy': "default-src 'self'" }, 'http://x', undefined)['content-security-policy']).toBe(
      "default-src 'self', frame-ancestors 'none'",
    );
  });
});

describe('one-time tickets', () => {
  it('work once, and only for a minute', () => {
    let now = 0;
    const t = new Tickets(() => now);
    const a = t.issue();
    const b = t.issue();
    expect(t.redeem(a)).toBe(true);
    expect(t.redeem(a)).toBe(false);
    expect(t.redeem('made-up')).toBe(false);
    now = 60_001;
    expect(t.redeem(b)).toBe(false);
  });
});

describe('the frame page', () => {
  it('frames exactly the one UI origin, runs no script, is framed only by the app itself', () => {
    const p = framePage('http://127.0.0.1:45001/?flinkdesk-ticket=T#/overview', 'http://127.0.0.1:45001', 'Flink Web UI · "orders" <x>');
    expect(p.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-src http://127.0.0.1:45001; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
    );
    expect(p.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(p.html).toContain('src="http://127.0.0.1:45001/?flinkdesk-ticket=T#/overview"');
    expect(p.html).toContain('title="Flink Web UI · &quot;orders&quot; &lt;x>"');
    expect(p.html).not.toContain('<script');
    expect(p.html).toMatch(/sandbox="allow-scripts allow-same-origin [^"]*"/);
    expect(p.html).not.toContain('allow-top-navigation');
  });
});

describe("the access layer's local proxy (Open in browser opens it in a tab)", () => {
  it('passes no cookie upstream, even on a plain way, and lets no answer set one', async () => {
    const { outgoingRequest, answerHeaders: proxyAnswer } = await import('../../../electron/services/access/outgoing');
    const { Agent } = await import('node:http');
    const target = { base: new URL('http://127.0.0.2:30081'), headers: {}, agent: new Agent(), release: () => {} };
    const out = outgoingRequest(target, 'GET', '/jobs/overview', {
      cookie: 'flinkdesk_token=APP',
      accept: '*/*',
      authorization: 'Basic x',
    });
    expect(out.headers).toEqual({ accept: '*/*', authorization: 'Basic x', host: '127.0.0.2:30081' });
    expect(proxyAnswer({ 'set-cookie': ['flinkdesk_token=evil'], 'content-type': 'application/json' }, target.base)).toEqual({
      'content-type': 'application/json',
    });
    target.agent.destroy();
  });
});
