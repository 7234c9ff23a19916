/** A self-signed serving certificate for `--tls` (the certificate is its own CA). */

import { isIP } from 'node:net';

import { generate } from 'selfsigned';

/** PEM key and certificate; `cert` is also the CA bundle clients must trust. */
export interface SelfSignedPair {
  key: string;
  cert: string;
}

/** Generates an EC P-256 certificate valid for localhost, 127.0.0.1, ::1 and `host`. */
export async function createSelfSignedPair(host: string): Promise<SelfSignedPair> {
  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (isIP(host) !== 0 && host !== '127.0.0.1' && host !== '::1')
    altNames.push({ type: 7, ip: host });
  if (isIP(host) === 0 && host !== 'localhost') altNames.push({ type: 2, value: host });
  const now = Date.now();
  const pems = await generate(
    [{ name: 'commonName', value: 'openshift-image-graphql simulator' }],
    {
      keyType: 'ec',
      curve: 'P-256',
      notBeforeDate: new Date(now - 3_600_000),
      notAfterDate: new Date(now + 30 * 24 * 3_600_000),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames },
      ],
    },
  );
  return { key: pems.private, cert: pems.cert };
}
