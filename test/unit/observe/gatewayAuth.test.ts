import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { admit, stripTokenCookie, TOKEN_COOKIE, tokenCookie } from '../../../src/observe/gatewayAuth';

const token = 'a'.repeat(48);

describe('gateway admission', () => {
  it('admits the token path prefix and strips it, asking for a cookie', () => {
    assert.deepEqual(admit(`/t/${token}/d-solo/x?panelId=1`, {}, token), {
      admitted: true,
      path: '/d-solo/x?panelId=1',
      setCookie: true,
    });
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

  it('looks for the token only in the path prefix, the header, and the cookie or Referer of a same-origin request', () => {
    const placements: Array<[string, string, Record<string, string>, boolean]> = [
      ['path prefix', `/t/${token}/api/search`, {}, true],
      ['path prefix, no trailing slash', `/t/${token}`, {}, true],
      ['header', '/api/search', { 'x-starter-stack-token': token }, true],
      ['cookie, no fetch metadata', '/api/search', { cookie: `${TOKEN_COOKIE}=${token}` }, true],
      [
        'cookie, same-origin',
        '/api/search',
        { cookie: `${TOKEN_COOKIE}=${token}`, 'sec-fetch-site': 'same-origin' },
        true,
      ],
      [
        'Referer, same-origin',
        '/api/search',
        { referer: `http://127.0.0.1:5/t/${token}/d-solo/u`, 'sec-fetch-site': 'same-origin' },
        true,
      ],
      [
        'cookie, cross-site',
        '/api/search',
        { cookie: `${TOKEN_COOKIE}=${token}`, 'sec-fetch-site': 'cross-site' },
        false,
      ],
      [
        'cookie, same-site (another port)',
        '/api/search',
        { cookie: `${TOKEN_COOKIE}=${token}`, 'sec-fetch-site': 'same-site' },
        false,
      ],
      [
        'Referer, cross-site',
        '/api/search',
        { referer: `http://127.0.0.1:5/t/${token}/d-solo/u`, 'sec-fetch-site': 'cross-site' },
        false,
      ],
      ['query ?token=', `/api/search?token=${token}`, {}, false],
      ['query ?t=', `/api/search?t=${token}`, {}, false],
      ['query /t/ path', `/api/search?x=/t/${token}/`, {}, false],
      ['path, not at the start', `/public/t/${token}/app.js`, {}, false],
      ['path, upper-case T', `/T/${token}/api/search`, {}, false],
      ['Authorization bearer', '/api/search', { authorization: `Bearer ${token}` }, false],
      ['cookie of another name', '/api/search', { cookie: `grafana_session=${token}` }, false],
      [
        'wrong header beats a right cookie',
        '/api/search',
        { 'x-starter-stack-token': 'nope', cookie: `${TOKEN_COOKIE}=${token}` },
        false,
      ],
      [
        'Referer with the token in its query',
        '/api/search',
        { referer: `http://127.0.0.1:5/d-solo/u?t=${token}` },
        false,
      ],
    ];
    for (const [name, url, headers, admitted] of placements)
      assert.equal(admit(url, headers, token).admitted, admitted, name);
  });
});
