/**
 * factlens learned models: loading the shipped weight files, the model interfaces analyzers use,
 * and the building blocks (features, trainers, weight-file format, metrics, calibration).
 * @example
 * import { loadShippedModels } from './models/index.js'
 * const models = await loadShippedModels()
 * models.clickbait?.score('You Won't Believe What Happened Next')
 */
export { loadShippedModels, type ShippedModelsOptions } from './shipped.js';
export type { BinaryTextModel, Models, ScoreCue, Stance, StanceModel } from './types.js';
export { modelsFrom } from './types.js';
export { LinearTextModel, loadLinearTextModel } from './linear-text-model.js';
export { decodeWeightFile, encodeWeightFile, readWeightFile, type WeightFile, type WeightFileHeader } from './weight-file.js';
export { CLICKBAIT_HEURISTIC } from './clickbait/heuristic.js';
export { loadStanceModel, MlpStanceModel } from './stance/model.js';
export { articleText } from './credibility/data.js';
