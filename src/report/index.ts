/**
 * Formatter registry: Report → json | text | markdown | html.
 */
import { FactlensError } from '../core/errors.js';
import type { Report } from '../core/types.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  color?: boolean;
  /** terminal width for wrapping context lines */
  width?: number;
}

/** Renders a report in the named format. */
export function renderReport(report: Report, format: string, options: RenderOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'text':
      return renderText(report, options);
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    default:
      throw new FactlensError('usage', `Unknown format "${format}": use one of ${FORMATS.join(', ')}.`);
  }
}
