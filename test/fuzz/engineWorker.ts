// Engine mode runs here, in a worker thread, so that the runner can stop an input that never ends
// (or exhausts memory) and go on with the next: an infinite loop could not be caught in-process.
import { parentPort, workerData } from 'node:worker_threads';
import { checkEngine } from './engine';
import { inputOf } from './runner';

export interface EngineJob {
  seed: number;
  from: number;
  to: number;
  /** Date.now() after which no new input is started. */
  deadline: number;
}

const job = workerData as EngineJob;
for (let index = job.from; index < job.to && Date.now() < job.deadline; index++) {
  parentPort!.postMessage({ type: 'start', index });
  const input = inputOf(job.seed, index);
  const result = checkEngine(input.text, input.rng);
  parentPort!.postMessage({ type: 'done', index, mutation: input.mutation, size: input.text.length, result });
}
parentPort!.postMessage({ type: 'end' });
