/**
 * Request metrics in the Prometheus text exposition format (version 0.0.4): request counts by
 * route, method and status, request and analysis duration histograms. State lives in the
 * instance the server creates.
 */

/** Histogram bucket upper bounds, in seconds. */
export const DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

function newHistogram(): Histogram {
  return { counts: DURATION_BUCKETS_S.map(() => 0), sum: 0, count: 0 };
}

function observe(h: Histogram, seconds: number): void {
  h.sum += seconds;
  h.count += 1;
  DURATION_BUCKETS_S.forEach((le, i) => {
    if (seconds <= le) h.counts[i]! += 1;
  });
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** Escapes a label value for the text format. */
function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function renderHistogram(name: string, labels: string, h: Histogram): string[] {
  const sep = labels ? `${labels},` : '';
  const lines = DURATION_BUCKETS_S.map((le, i) => `${name}_bucket{${sep}le="${le}"} ${h.counts[i]}`);
  lines.push(`${name}_bucket{${sep}le="+Inf"} ${h.count}`);
  lines.push(`${name}_sum${labels ? `{${labels}}` : ''} ${h.sum.toFixed(6)}`);
  lines.push(`${name}_count${labels ? `{${labels}}` : ''} ${h.count}`);
  return lines;
}

export interface Metrics {
  /** records one finished request */
  observeRequest(route: string, method: string, status: number, durationMs: number): void;
  /** records one analysis (the pipeline run inside POST /v1/check) */
  observeAnalysis(durationMs: number): void;
  /** the exposition text; `gauges` adds point-in-time values such as stored report counts */
  render(gauges?: Record<string, { help: string; value: number }>): string;
}

/** Creates an empty metrics registry. */
export function createMetrics(): Metrics {
  const requests = new Map<string, number>();
  const durations = new Map<string, Histogram>();
  const analysis = newHistogram();
  return {
    observeRequest(route, method, status, durationMs) {
      // Any string can arrive as a method: keep the label set small.
      const m = KNOWN_METHODS.has(method) ? method : 'OTHER';
      const key = `route="${label(route)}",method="${m}",status="${status}"`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const dkey = `route="${label(route)}"`;
      const h = durations.get(dkey) ?? newHistogram();
      observe(h, durationMs / 1000);
      durations.set(dkey, h);
    },
    observeAnalysis(durationMs) {
      observe(analysis, durationMs / 1000);
    },
    render(gauges = {}) {
      const out: string[] = [
        '# HELP factlens_http_requests_total HTTP requests by route template, method and status.',
        '# TYPE factlens_http_requests_total counter',
        ...[...requests].map(([k, v]) => `factlens_http_requests_total{${k}} ${v}`),
        '# HELP factlens_http_request_duration_seconds Time to answer a request, by route template.',
        '# TYPE factlens_http_request_duration_seconds histogram',
        ...[...durations].flatMap(([k, h]) => renderHistogram('factlens_http_request_duration_seconds', k, h)),
        '# HELP factlens_analysis_duration_seconds Time to analyze one article (ingest to verdict), worker queue wait included.',
        '# TYPE factlens_analysis_duration_seconds histogram',
        ...renderHistogram('factlens_analysis_duration_seconds', '', analysis),
      ];
      const mem = process.memoryUsage();
      const all: Record<string, { help: string; value: number }> = {
        ...gauges,
        process_resident_memory_bytes: { help: 'Resident memory size in bytes.', value: mem.rss },
        nodejs_heap_used_bytes: { help: 'V8 heap in use, in bytes.', value: mem.heapUsed },
      };
      for (const [name, g] of Object.entries(all)) out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${g.value}`);
      // the standard process counter (Prometheus client libraries' name): all threads of the process
      const cpu = process.cpuUsage();
      out.push(
        '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds (all threads).',
        '# TYPE process_cpu_seconds_total counter',
        `process_cpu_seconds_total ${(cpu.user + cpu.system) / 1e6}`,
      );
      return `${out.join('\n')}\n`;
    },
  };
}
