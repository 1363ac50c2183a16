import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KubeConfig } from '../../../src/kube/clientNode';
import { clientNodeCredentials, staticCredentials } from '../../../src/kube/credentials';
import { currentClusterOf, currentUserOf, parseKubeconfig } from '../../../src/kube/kubeconfigData';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-data-'));
mkdirSync(join(dir, 'pki'));
const b64 = (text: string) => Buffer.from(text).toString('base64');
writeFileSync(join(dir, 'pki', 'ca.pem'), 'CA FROM FILE');
writeFileSync(join(dir, 'pki', 'client.pem'), 'CERT FROM FILE');
writeFileSync(join(dir, 'pki', 'client-key.pem'), 'KEY FROM FILE');
writeFileSync(join(dir, 'token'), 'token-from-file');

/** One kubeconfig per way of authenticating that needs no exec plugin, auth provider or proxy. */
const CASES: Record<string, string> = {
  'bearer token, CA data, TLS server name, impersonation': `
clusters:
- name: c
  cluster: { server: "https://api.example:6443/", certificate-authority-data: ${b64('CA DATA')}, tls-server-name: api.internal }
users:
- name: u
  user: { token: secret-token, as: admin }
contexts:
- name: ctx
  context: { cluster: c, user: u, namespace: team }
current-context: ctx`,
  'client certificate files relative to the kubeconfig, insecure-skip-tls-verify': `
clusters:
- name: c
  cluster: { server: "https://10.0.0.1", certificate-authority: pki/ca.pem, insecure-skip-tls-verify: true }
users:
- name: u
  user: { client-certificate: pki/client.pem, client-key: pki/client-key.pem }
contexts:
- name: ctx
  context: { cluster: c, user: u }
current-context: ctx`,
  'client certificate data, a user name and password': `
clusters:
- name: c
  cluster: { server: "https://10.0.0.1" }
users:
- name: u
  user: { client-certificate-data: ${b64('CERT DATA')}, client-key-data: ${b64('KEY DATA')}, username: ann, password: pw }
contexts:
- name: ctx
  context: { cluster: c, user: u }
current-context: ctx`,
  'a token file (absolute), merge keys': `
defaults: &defaults { server: "https://10.0.0.2" }
clusters:
- name: c
  cluster: { <<: *defaults }
users:
- name: u
  user: { token-file: ${join(dir, 'token')} }
contexts:
- name: ctx
  context: { cluster: c, user: u }
current-context: ctx`,
};

async function both(name: string, text: string) {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(file, text);
  const ours = await parseKubeconfig(text, file);
  const theirs = new KubeConfig();
  theirs.loadFromFile(file);
  return { ours, theirs };
}

describe('kubeconfig read without client-node', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`reads as client-node does: ${name}`, async () => {
      const { ours, theirs } = await both(name, text);
      const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
      assert.deepEqual(plain(ours.clusters), plain(theirs.clusters));
      assert.deepEqual(plain(ours.users), plain(theirs.users));
      assert.deepEqual(plain(ours.contexts), plain(theirs.contexts));
      assert.equal(ours.currentContext, theirs.currentContext);
    });

    it(`sends the credentials client-node would: ${name}`, async () => {
      const { ours, theirs } = await both(name, text);
      const expected = await clientNodeCredentials(theirs, false);
      const got = staticCredentials(currentClusterOf(ours), currentUserOf(ours));
      assert.deepEqual(got.headers, expected.headers);
      const defined = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
      assert.deepEqual(defined(got.tls), defined(expected.tls));
    });
  }

  it('reads a relative token file from the kubeconfig folder, as kubectl does', async () => {
    const file = join(dir, 'relative-token.yaml');
    const text = CASES['a token file (absolute), merge keys']!.replace(join(dir, 'token'), 'token');
    const config = await parseKubeconfig(text, file);
    assert.equal(staticCredentials(undefined, currentUserOf(config)).headers.authorization, 'Bearer token-from-file');
  });

  it('names the first entry that lacks a required field, as client-node does', async () => {
    const text = 'clusters:\n- name: c\n  cluster: { certificate-authority-data: abc }\n';
    await assert.rejects(parseKubeconfig(text, join(dir, 'x')), /^Error: clusters\[0\]\.cluster\.server is missing$/);
    await assert.rejects(parseKubeconfig('users:\n- user: {}\n', join(dir, 'x')), /users\[0\]\.name is missing/);
    await assert.rejects(
      parseKubeconfig('contexts:\n- name: a\n  context: { user: u }\n', join(dir, 'x')),
      /contexts\[0\]\.context\.cluster is missing/,
    );
  });

  it('applies the cluster CA and insecure-skip-tls-verify even for a context without a user', () => {
    const tls = staticCredentials(
      { name: 'c', server: 'https://x', skipTLSVerify: true, caData: b64('CA') },
      undefined,
    ).tls;
    assert.deepEqual(tls, { rejectUnauthorized: false, ca: Buffer.from('CA') });
  });
});
