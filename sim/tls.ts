// A throwaway self-signed certificate for 127.0.0.1, made with the openssl CLI once per process.
// Why TLS at all: kubectl (client-go) refuses to send a bearer token over plain http, and the
// simulator checks tokens like a real API server. The kubeconfig carries the certificate as its CA.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface TlsMaterial {
  cert: string;
  key: string;
}
let cached: Promise<TlsMaterial> | undefined;

export function selfSignedCert(): Promise<TlsMaterial> {
  cached ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-sim-tls-'));
    try {
      await promisify(execFile)('openssl', [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '30',
        '-subj',
        '/CN=starter-sim test double',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ]);
      return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return cached;
}

/** `count` distinct self-signed client certificates (an exec plugin hands them out; the token front tells them apart). */
export async function clientCertificates(count: number): Promise<TlsMaterial[]> {
  const dir = mkdtempSync(join(tmpdir(), 'starter-sim-client-tls-'));
  try {
    return await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const [key, cert] = [join(dir, `${i}.key`), join(dir, `${i}.crt`)];
        await promisify(execFile)('openssl', [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          `/CN=client-${i + 1}/O=system:masters`,
          '-keyout',
          key,
          '-out',
          cert,
        ]);
        return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
