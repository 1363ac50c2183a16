import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admit, stripTokenCookie, TOKEN_COOKIE, tokenCookie } from '../../../src/observe/gatewayAuth';
import { upstreamUrl } from '../../../src/observe/gateway';

const token = 'a'.repeat(48);

describe('gateway admission', () => {
  it('admits the token path prefix and strips it, asking for a cookie', () => {
    assert.deepEqual(admit(`/t/${token}/d-solo/x?panelId=1`, {}, token), { admitted: true, path: '/d-solo/x?panelId=1', setCookie: true });
  });

  it('refuses no token, a wrong token, and a token of another length', () => {
    assert.equal(admit('/d-solo/x', {}, token).admitted, false);
    assert.equal(admit(`/t/${'b'.repeat(48)}/x`, {}, token).admitted, false);
    assert.equal(admit('/t/short/x', {}, token).admitted, false);
    assert.equal(admit('/x', { cookie: `${TOKEN_COOKIE}=nope` }, token).admitted, false);
    assert.equal(admit('/x', { referer: 'http://127.0.0.1:1/t/nope/d-solo' }, token).admitted, false);
  });

  it('admits sub-requests by cookie, header or the Referer of a token page', () => {
    assert.ok(admit('/public/app.js', { cookie: `grafana_session=1; ${TOKEN_COOKIE}=${token}` }, token).admitted);
    assert.ok(admit('/api/x', { 'x-starter-stack-token': token }, token).admitted);
    assert.ok(admit('/api/x', { referer: `http://127.0.0.1:5/t/${token}/d-solo/u` }, token).admitted);
  });

  it('never forwards its own cookie', () => {
    assert.equal(stripTokenCookie(`a=1; ${TOKEN_COOKIE}=${token}; b=2`), 'a=1; b=2');
    assert.equal(stripTokenCookie(`${TOKEN_COOKIE}=${token}`), undefined);
    assert.match(tokenCookie(token), /HttpOnly; Secure; SameSite=None; Partitioned/);
  });

  it('maps paths onto a service-proxy upstream once, even when the API server rewrote links', () => {
    const upstream = { baseUrl: 'https://k:6443/api/v1/namespaces/s/services/grafana:3000/proxy', headers: {}, via: 'x' };
    assert.equal(upstreamUrl(upstream, '/public/app.js').toString(), 'https://k:6443/api/v1/namespaces/s/services/grafana:3000/proxy/public/app.js');
    assert.equal(upstreamUrl(upstream, '/api/v1/namespaces/s/services/grafana:3000/proxy/public/a.js').toString(), 'https://k:6443/api/v1/namespaces/s/services/grafana:3000/proxy/public/a.js');
    assert.equal(upstreamUrl({ baseUrl: 'http://g:3000', headers: {}, via: 'x' }, '/d-solo/u?a=1').toString(), 'http://g:3000/d-solo/u?a=1');
  });
});
