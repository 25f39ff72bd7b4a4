// The load generator of `npm run bench -- scale`, in its own process so it does not share the server's event loop:
//   node --import tsx bench/load-child.ts '{"url":…,"connections":50,"duration":30,"warmup":3,"headers":{…},"paths":[…]}'
// With several paths every connection takes the next one in turn (distinct pages, so no two requests in a row ask the
// same thing). A warm-up run of `warmup` seconds comes first (same connections and paths); its figures are printed on a
// line of their own (`"phase":"warm-up"`) and kept out of the measured run's. The last line is the measured run:
// requests, req/s, non-2xx, errors, latency percentiles in ms.
import autocannon from 'autocannon';

const o = JSON.parse(process.argv[2]) as {
  url: string;
  connections: number;
  duration: number;
  warmup?: number;
  headers: Record<string, string>;
  paths: string[];
};
let next = 0;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function run(duration: number) {
  const latencies: number[] = [];
  let bytes = 0;
  const cpu0 = cpuMs();
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: o.paths.length === 1 ? o.url + o.paths[0] : o.url,
        connections: o.connections,
        duration,
        headers: o.headers,
        // One path: autocannon's prebuilt request (setupRequest rebuilds every request; ~0.02 ms more generator CPU).
        requests: o.paths.length === 1 ? undefined : [{ setupRequest: (req) => ({ ...req, path: o.paths[next++ % o.paths.length] }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_c: unknown, _status: number, size: number, ms: number) => {
      latencies.push(ms);
      bytes += size;
    });
  });
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return {
    total: r.requests.total,
    rps: r.requests.average,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    /** The generator's own CPU in this run (it shares the machine with the server and PostgreSQL). */
    cpuMs: cpuMs() - cpu0,
    /** Mean response size (headers and body): shows at a glance that the intended page was served. */
    bytes: Math.round(bytes / Math.max(1, latencies.length)),
  };
}

if (o.warmup) console.log(JSON.stringify({ phase: 'warm-up', ...(await run(o.warmup)) }));
console.log(JSON.stringify(await run(o.duration)));
