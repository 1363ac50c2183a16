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

/** One self-signed EC certificate and its key, made by openssl in `keyFile` and `certFile` and read back. */
async function selfSigned(
  keyFile: string,
  certFile: string,
  options: { days: number; subject: string; altNames?: string },
): Promise<TlsMaterial> {
  const altNames = options.altNames === undefined ? [] : ['-addext', `subjectAltName=${options.altNames}`];
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    String(options.days),
    '-subj',
    options.subject,
    ...altNames,
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

export function selfSignedCert(): Promise<TlsMaterial> {
  cached ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-sim-tls-'));
    try {
      return await selfSigned(join(dir, 'key.pem'), join(dir, 'cert.pem'), {
        days: 30,
        subject: '/CN=starter-sim test double',
        altNames: 'IP:127.0.0.1,DNS:localhost',
      });
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
      Array.from({ length: count }, (_, i) =>
        selfSigned(join(dir, `${i}.key`), join(dir, `${i}.crt`), {
          days: 1,
          subject: `/CN=client-${i + 1}/O=system:masters`,
        }),
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
