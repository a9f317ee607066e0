/** Report → JSON, the versioned machine format (schema: schema/report.schema.json). */
import type { Report } from '../core/types.js';

/** Serializes a report; `pretty` indents for people. */
export function renderJson(report: Report, pretty = true): string {
  return `${JSON.stringify(report, null, pretty ? 2 : undefined)}\n`;
}
