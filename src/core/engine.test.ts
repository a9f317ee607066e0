import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingestText } from '../ingest/text.js';
import { parseArticle } from '../nlp/index.js';
import { renderMessage, runAnalyzers } from './engine.js';
import { FactlensError } from './errors.js';
import type { AnyAnalyzer } from './types.js';

const parsed = parseArticle(ingestText('Headline\n\nThe council met on Monday.', { requireEnglish: false }));

function analyzer(id: string, analyze: AnyAnalyzer['analyze']): AnyAnalyzer {
  return { id, version: '1.0.0', description: id, codes: { seen: 'Saw "{word}"' }, defaultOptions: {}, analyze };
}

describe('runAnalyzers', () => {
  it('stamps id and version, renders the message and quotes the span', async () => {
    const ok = analyzer('ok', () => [{ code: 'seen', severity: 'info', span: { start: 14, end: 21 }, data: { word: 'council' }, explanation: 'x', evidence: [], confidence: 1 }]);
    const { findings, failures } = await runAnalyzers(parsed, [ok]);
    assert.deepEqual(failures, []);
    assert.deepEqual(
      { id: findings[0]?.id, analyzer: findings[0]?.analyzer, v: findings[0]?.analyzerVersion, message: findings[0]?.message, quote: findings[0]?.quote },
      { id: 'ok/seen#1', analyzer: 'ok', v: '1.0.0', message: 'Saw "council"', quote: 'council' },
    );
  });
  it('isolates a crashing analyzer: it is listed under failures and the others’ findings stay', async () => {
    const ok = analyzer('ok', () => [{ code: 'seen', severity: 'info', explanation: 'x', evidence: [], confidence: 1 }]);
    const boom = analyzer('boom', () => {
      throw new Error('kaput');
    });
    const typed = analyzer('typed', async () => {
      throw new FactlensError('model-missing', 'no weights');
    });
    const { findings, failures } = await runAnalyzers(parsed, [boom, ok, typed]);
    assert.equal(findings.length, 1);
    assert.deepEqual(failures, [
      { analyzer: 'boom', code: 'internal', message: 'Internal error: kaput' },
      { analyzer: 'typed', code: 'model-missing', message: 'no weights' },
    ]);
  });
  it('rejects drafts with unknown codes, spans outside the text or confidence outside 0..1', async () => {
    const bad = [
      analyzer('a', () => [{ code: 'nope', severity: 'info', explanation: '', evidence: [], confidence: 1 }]),
      analyzer('b', () => [{ code: 'seen', severity: 'info', span: { start: 0, end: 9999 }, explanation: '', evidence: [], confidence: 1 }]),
      analyzer('c', () => [{ code: 'seen', severity: 'info', explanation: '', evidence: [], confidence: 2 }]),
    ];
    const { findings, failures } = await runAnalyzers(parsed, bad);
    assert.equal(findings.length, 0);
    assert.deepEqual(failures.map((f) => f.analyzer), ['a', 'b', 'c']);
  });
  it('renders message templates, leaving unknown keys visible', () => {
    assert.equal(renderMessage('{a} and {b}', { a: 1 }), '1 and {b}');
  });
});
