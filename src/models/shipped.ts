/**
 * Loads the weight files shipped in `models/` into the `Models` service analyzers read through
 * `ctx.services.models`. A model whose file is absent is left out (its analyzers fall back to their
 * heuristics); a file that is present but damaged fails with `model-invalid`.
 */
import { dirname, join } from 'node:path';
import { FactlensError } from '../core/errors.js';
import { loadCheckworthyModel } from './checkworthy/model.js';
import { loadLinearTextModel } from './linear-text-model.js';
import { loadStanceModel } from './stance/model.js';
import { shippedModelPath, WEIGHT_FILE_EXTENSION } from './task-support.js';
import type { Models } from './types.js';
import { readCalibration } from './verdict/calibration.js';

/** Options for {@link loadShippedModels}. */
export interface ShippedModelsOptions {
  /** directory holding the .flw files (default: the package's models/) */
  dir?: string;
}

async function optional<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof FactlensError && err.code === 'model-missing') return undefined;
    throw err;
  }
}

/**
 * Loads every shipped model that is present.
 * @example const models = await loadShippedModels(); await analyze(text, { services: { models } })
 */
export async function loadShippedModels(options: ShippedModelsOptions = {}): Promise<Models> {
  const path = (name: string): string => (options.dir ? join(options.dir, `${name}${WEIGHT_FILE_EXTENSION}`) : shippedModelPath(name));
  const verdictPath = options.dir ? join(options.dir, 'verdict.json') : join(dirname(shippedModelPath('verdict')), 'verdict.json');
  const [clickbait, checkworthy, stance, credibility, verdict] = await Promise.all([
    optional(() => loadLinearTextModel(path('clickbait'))),
    optional(() => loadCheckworthyModel(path('checkworthy'))),
    optional(() => loadStanceModel(path('stance'))),
    optional(() => loadLinearTextModel(path('credibility'))),
    optional(() => readCalibration(verdictPath)),
  ]);
  const models: Models = {};
  if (clickbait) models.clickbait = clickbait;
  if (checkworthy) models.checkworthy = checkworthy;
  if (stance) models.stance = stance;
  if (credibility) models.credibility = credibility;
  if (verdict) models.verdict = verdict;
  return models;
}
