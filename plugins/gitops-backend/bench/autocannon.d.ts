// The part of autocannon's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    setupRequest?: (request: { path: string }) => { path: string };
  }

  interface Histogram {
    p50: number;
    p90: number;
    p99: number;
    max: number;
    average: number;
  }

  interface AutocannonResult {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  }

  function autocannon(options: {
    url: string;
    connections?: number;
    duration?: number;
    requests?: AutocannonRequest[];
  }): Promise<AutocannonResult>;

  export = autocannon;
}
