/** The train and eval tasks of the learned models, registered by src/cli/commands/{train,eval}.ts. */
import type { Task } from '../cli/task.js';
import { evalCheckworthyTask, trainCheckworthyTask } from './checkworthy/tasks.js';
import { evalClickbaitTask, trainClickbaitTask } from './clickbait/tasks.js';
import { evalCredibilityTask, trainCredibilityTask } from './credibility/tasks.js';
import { evalModelLoadTask } from './load-task.js';
import { evalStanceTask, trainStanceTask } from './stance/tasks.js';
import { evalVerdictTask, trainVerdictTask } from './verdict/tasks.js';

/** `factlens train <task>` tasks for the models. */
export const MODEL_TRAIN_TASKS: readonly Task[] = [trainClickbaitTask, trainCheckworthyTask, trainStanceTask, trainCredibilityTask, trainVerdictTask];

/** `factlens eval <task>` tasks for the models. */
export const MODEL_EVAL_TASKS: readonly Task[] = [evalClickbaitTask, evalCheckworthyTask, evalStanceTask, evalCredibilityTask, evalVerdictTask, evalModelLoadTask];
