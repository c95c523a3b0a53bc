/**
 * The reports' view models: pure functions from a scheme result (and for a
 * comparison, the scenario's) to documents the PDF engine prints. Every
 * figure is formatted here; the templates do no arithmetic.
 */
export { overviewDocument, partyTable, capAnalyses, assumptionLines, NEAR_CAP, type CapAnalysis } from './overview.js';
export { letterDocument, letterDocuments, selectParties, scheduleTable, computationBlocks } from './letter.js';
export { remissDocument, remissDocuments, DEFAULT_VIEWS, DEFAULT_BODY } from './remiss.js';
export { comparisonDocument, changedParameters, type ComparisonInput, type ComparedSide, type ChangedParameter } from './comparison.js';
export { amountsFigure, shareFigure, scheduleFigure, placementFigure, differencesFigure, percentileBandsFigure } from './charts.js';
export { inputHash, provenanceStamp, shortSource, STAMP_HASH_LENGTH, type InputPart, type StampInfo } from './provenance.js';
export {
  caveatLines,
  explanationLines,
  shortfallLines,
  shortfallNotice,
  slug,
  type NoticeBlock,
  type ReportBlock,
  type ReportContext,
  type ReportDocument,
  type ReportMetadata,
  type ReportViewModel,
  type SchemeSource,
  type SignaturesBlock,
} from './report-document.js';
