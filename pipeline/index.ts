/**
 * The pipeline: one library path from a request (a scheme or scenario,
 * overrides, inputs, options) to a result, a simulation or printed
 * documents. The command line, notebooks, the benchmark and the tests call
 * these; none of them needs the command line's code.
 */
export * from './events.js';
export * from './load.js';
export * from './allocate.js';
export * from './compare.js';
export * from './simulation.js';
export { WorkerPool, workersFor } from './simulation-threads.js';
export * from './solve.js';
export * from './report-date.js';
export * from './report-context.js';
export * from './report-kinds.js';
export * from './render.js';
export * from './report.js';
export * from './demo.js';
export * from './questions.js';
export * from './validate.js';
export * from './init-scheme.js';
export * from './explore.js';
export { type ExploreApi, type ExploreJoin, type ExploreSetup, type ExploreState, createExplorer, evaluateState } from './explore-engine.js';
