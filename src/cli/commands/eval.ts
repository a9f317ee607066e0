/** `factlens eval <task>`: scores a component on a benchmark with that benchmark's official metric. */
import { analyzersEvalTask } from '../../eval/analyzers.js';
import { extractionTask } from '../../eval/extraction.js';
import { judgementEvalTask } from '../../eval/judgement/task.js';
import { quotesEvalTask } from '../../eval/quotes.js';
import { MODEL_EVAL_TASKS } from '../../models/tasks.js';
import { type Task, taskCommand } from '../task.js';

/** Registered evaluation tasks; each lives beside the code it evaluates. One line per task. */
const EVAL_TASKS: Task[] = [judgementEvalTask, analyzersEvalTask, extractionTask, quotesEvalTask, ...MODEL_EVAL_TASKS];

export const evalCommand = taskCommand('eval', 'score a component on a benchmark with its official metric', EVAL_TASKS);
