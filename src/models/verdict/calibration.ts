/** Reads the verdict calibration file written by `factlens train verdict`. */
import { readFile } from 'node:fs/promises';
import { FactlensError } from '../../core/errors.js';
import { VERDICT_FEATURES } from '../../report/verdict-features.js';
import type { VerdictCalibration } from '../types.js';

/** Reads and checks a calibration file. */
export async function readCalibration(path: string): Promise<VerdictCalibration> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    throw new FactlensError('model-missing', `No verdict calibration at ${path}: run factlens train verdict.`, { cause: err });
  }
  try {
    const c = JSON.parse(raw) as VerdictCalibration & { format?: string };
    if (c.format !== 'factlens-verdict-calibration' || !Array.isArray(c.weights) || c.weights.length !== c.features.length || typeof c.bias !== 'number') {
      throw new Error('unexpected shape');
    }
    if (c.features.join() !== VERDICT_FEATURES.join()) throw new Error(`features ${c.features.join(', ')} are not the verdict's ${VERDICT_FEATURES.join(', ')}`);
    return { features: c.features, weights: c.weights, bias: c.bias, description: c.description };
  } catch (err) {
    throw new FactlensError('model-invalid', `The verdict calibration at ${path} is damaged: retrain it with factlens train verdict.`, { cause: err });
  }
}
