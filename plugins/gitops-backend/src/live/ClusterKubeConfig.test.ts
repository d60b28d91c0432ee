import { ClusterKubeConfig } from './ClusterKubeConfig';

const PEM =
  '-----BEGIN CERTIFICATE-----\nMIIBdummy\n-----END CERTIFICATE-----\n';

describe('ClusterKubeConfig', () => {
  it('builds a kubeconfig in memory from a connection', () => {
    const config = ClusterKubeConfig.fromConnection({
      name: 'resource:default/cluster-dev',
      url: 'https://10.0.0.1:6443/',
      token: 'secret',
      caData: PEM,
    });
    expect(config.getCurrentCluster()).toMatchObject({
      name: 'resource:default/cluster-dev',
      server: 'https://10.0.0.1:6443',
      caData: Buffer.from(PEM).toString('base64'),
      skipTLSVerify: false,
    });
    expect(config.getCurrentUser()).toMatchObject({ token: 'secret' });
    expect(config.server).toBe('https://10.0.0.1:6443');
  });

  it('takes caData already in base64 as it is', () => {
    const base64 = Buffer.from(PEM).toString('base64');
    const config = ClusterKubeConfig.fromConnection({
      name: 'c',
      url: 'https://k8s.example.com',
      caData: `${base64.slice(0, 10)}\n${base64.slice(10)}`,
      skipTLSVerify: true,
    });
    expect(config.getCurrentCluster()).toMatchObject({
      caData: base64,
      skipTLSVerify: true,
    });
  });

  it('switches TLS verification off for plain HTTP, which client-node refuses otherwise', () => {
    const config = ClusterKubeConfig.fromConnection({
      name: 'c',
      url: 'http://127.0.0.1:8080',
    });
    expect(config.getCurrentCluster()?.skipTLSVerify).toBe(true);
  });
});
