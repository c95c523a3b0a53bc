/**
 * andel's library API: the exact models, the loaders at the data edge, the
 * views for scripts and spreadsheets, and the pipeline that runs them. Notebooks and scripts import from
 * here (`import { loadScheme, evaluateScheme } from 'andel'`).
 */
export * from './models/errors.js';
export * from './models/money.js';
export * from './models/allocate.js';
export * from './models/apply-caps.js';
export * from './models/cap-policy.js';
export * from './models/per-unit.js';
export * from './models/scheme.js';
export * from './models/evaluate.js';
export * from './models/solve.js';
export * from './models/timeline.js';
export * from './models/report-figures.js';
export { loadScheme, loadSchemeDefinition, type LoadSchemeOptions, type LoadedScheme } from './data/load-scheme.js';
export { ADHOC_SCHEMES, defaultRegionName, isAdhocScheme, loadAdhocScheme, perCapitaScheme, shareScheme, type AdhocSchemeOptions } from './data/adhoc-scheme.js';
export { listBuiltinSchemes } from './data/scheme/find.js';
export type { ResolveInputs } from './data/scheme/inputs.js';
export { resolveScheme } from './data/scheme/resolve.js';
export { parseSchemeFile } from './data/scheme/parse.js';
export type { SchemeFile } from './data/scheme/schema.js';
// Scenarios: overrides, party changes, sweeps, Monte Carlo, sensitivity, goal seek, comparisons.
export * from './models/scenarios/source.js';
export * from './models/scenarios/distributions.js';
export * from './models/scenarios/random.js';
export * from './models/scenarios/statistics.js';
export * from './models/scenarios/vary.js';
export * from './models/scenarios/outputs.js';
export * from './models/scenarios/party-changes.js';
export * from './models/scenarios/simulation.js';
export * from './models/scenarios/compare.js';
export * from './models/scenarios/sweep.js';
export * from './models/scenarios/goal-seek.js';
export * from './models/scenarios/tornado.js';
export { loadScenario, findScenarioFile, parameterInfos, parameterUses, type LoadScenarioOptions, type LoadedScenario } from './data/load-scenario.js';
export { parseScenarioFile, looksLikeScenario, type ScenarioFile, type ParsedScenario } from './data/scenario-file.js';
export * from './reports/format.js';
export { allocationJson, allocationOutput, allocationTable, allocationTables, renderCsv, renderTextTable, renderXlsx, reconciliationLines, type AllocationRow, type AllocationTable } from './reports/allocation.js';
export * from './reports/formats/index.js';
export { shortfalls, shortfallWarnings, type Shortfall } from './reports/shortfall.js';
export * from './reports/notebook.js';
export * from './reports/scenarios.js';
export * from './reports/frame-data.js';
// The danfojs DataFrames are imported from 'andel/dataframes' (danfojs-node is an optional peer).
// The PDF engine, for documents composed in a notebook or a script (puppeteer loads only when a document is printed).
export { createRenderer, findBrowser, type BatchSummary, type Renderer, type RendererOptions, type RenderJob, type WrittenDocument } from './reports/render/index.js';
export type { Block, DocumentViewModel, PageFooterInfo, PageHeaderInfo, PlotlyFigure, TitleBlock } from './reports/render/index.js';
// Report view models: overview, letters, remiss and comparison as documents for the engine (pure; every figure formatted).
export * from './reports/views/index.js';
// The pipeline: from a request (scheme or scenario, overrides, inputs, options) to a result, a simulation or printed documents.
export * from './pipeline/index.js';
export { solveJson, solveText } from './reports/solve.js';
