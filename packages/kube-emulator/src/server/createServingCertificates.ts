import { isIP } from 'node:net';
import { generate } from 'selfsigned';

/** PEMs for an HTTPS server and the CA its clients trust. */
export interface ServingCertificates {
  /** The CA certificate clients trust (PEM). */
  ca: string;
  /** The server certificate (PEM), signed by the CA. */
  cert: string;
  /** The server certificate's private key (PEM). */
  key: string;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * A fresh CA and a server certificate it signs for `hosts` (DNS names and IP addresses as
 * subjectAltNames), as kubeadm makes for an API server. EC P-256 keys: quick to generate.
 */
export async function createServingCertificates(
  hosts: string[],
): Promise<ServingCertificates> {
  // An hour of slack before "now", as clocks of client and server may differ a little.
  const notBeforeDate = new Date(Date.now() - HOUR_MS);
  const notAfterDate = new Date(Date.now() + 365 * 24 * HOUR_MS);
  const ca = await generate(
    [{ name: 'commonName', value: 'shipshape-kube-emulator-ca' }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        {
          name: 'keyUsage',
          keyCertSign: true,
          cRLSign: true,
          digitalSignature: true,
          critical: true,
        },
      ],
    },
  );
  const server = await generate(
    [{ name: 'commonName', value: 'kube-apiserver' }],
    {
      keyType: 'ec',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [...new Set(hosts)].map(host =>
            isIP(host) ? { type: 7, ip: host } : { type: 2, value: host },
          ),
        },
      ],
    },
  );
  return { ca: ca.cert, cert: server.cert, key: server.private };
}
