import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createServingCertificates } from './createServingCertificates';

describe('createServingCertificates', () => {
  it('makes a CA and a server certificate it signs, for the given names and addresses', async () => {
    const pems = await createServingCertificates([
      '127.0.0.1',
      '::1',
      'localhost',
    ]);
    const ca = new X509Certificate(pems.ca);
    const server = new X509Certificate(pems.cert);

    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBeDefined();
    expect(server.checkHost('example.com')).toBeUndefined();
    expect(server.checkIP('10.0.0.1')).toBeUndefined();
    // TLS server authentication (extended key usage).
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(server.checkPrivateKey(createPrivateKey(pems.key))).toBe(true);
    expect(new Date(server.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(server.validFrom).getTime()).toBeLessThan(Date.now());
  });

  it('makes a new CA each time', async () => {
    const [a, b] = await Promise.all([
      createServingCertificates(['localhost']),
      createServingCertificates(['localhost']),
    ]);
    expect(a.ca).not.toBe(b.ca);
    // Signed by its own CA only.
    const server = new X509Certificate(a.cert);
    expect(server.verify(new X509Certificate(a.ca).publicKey)).toBe(true);
    expect(server.verify(new X509Certificate(b.ca).publicKey)).toBe(false);
  });
});
