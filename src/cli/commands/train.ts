/** `factlens train <task>`: trains a model from public data and writes its weight file. */
import { MODEL_TRAIN_TASKS } from '../../models/tasks.js';
import { type Task, taskCommand } from '../task.js';

/** Registered training tasks; each lives beside its model. One line per task. */
const TRAIN_TASKS: Task[] = [...MODEL_TRAIN_TASKS];

export const trainCommand = taskCommand('train', 'train a model from public data and write its weight file', TRAIN_TASKS);
