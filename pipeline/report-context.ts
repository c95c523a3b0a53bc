/**
 * What every document of a report is built from, decided here at the
 * edge: the result and every figure computed from it, the report's date, the agreement the scheme names, and
 * the footer's stamp (andel's version, the data sources, a hash of the
 * inputs' contents and any seed). The hash names files by kind and file
 * name, never by absolute path, so it is the same on every machine.
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { LoadedScheme } from '../data/load-scheme.js';
import { projectRoot } from '../data/project-root.js';
import type { SchemeResult } from '../models/evaluate.js';
import { reportFigures } from '../models/report-figures.js';
import { type InputPart, inputHash, provenanceStamp } from '../reports/views/provenance.js';
import type { ReportContext, SchemeSource } from '../reports/views/report-document.js';
import type { ReportDate } from './report-date.js';

let cachedVersion: string | undefined;

/** andel's version, from its package.json. */
export function toolVersion(): string {
  cachedVersion ??= (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

/** The agreement a scheme file names, for the documents' text. */
export function schemeSource(loaded: Pick<LoadedScheme, 'definition'>): SchemeSource | undefined {
  const s = loaded.definition.source;
  if (s === undefined) return undefined;
  return {
    document: s.document,
    ...(s.author !== undefined ? { author: s.author } : {}),
    ...(s.date !== undefined ? { date: s.date } : {}),
    ...(s.agreement !== undefined ? { agreement: s.agreement } : {}),
    ...(s.basis !== undefined ? { basis: s.basis } : {}),
  };
}

/**
 * A file's bytes for the hash. Sources name a file relative to the working
 * directory, or to the project when run from elsewhere; a file that cannot
 * be read is named instead (and so changes the hash).
 */
export function fileContent(file: string): string | Uint8Array {
  for (const path of [resolve(file), resolve(projectRoot(), file)]) {
    try {
      return readFileSync(path);
    } catch {
      // Try the next place.
    }
  }
  return `(kunde inte läsas: ${basename(file)})`;
}

/**
 * The inputs of a scheme's figures, for the footer's hash: the scheme's
 * definition, the parameter values, and the contents of the population,
 * user-count and split files it was resolved with.
 */
export function schemeInputParts(loaded: Pick<LoadedScheme, 'definition' | 'model'>): InputPart[] {
  const model = loaded.model;
  const parts: InputPart[] = [
    { name: 'scheme', content: JSON.stringify(loaded.definition) },
    { name: 'parameters', content: JSON.stringify(Object.entries(model.parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) },
  ];
  for (const p of model.provenance) {
    if (p.file !== undefined) parts.push({ name: `file:${p.label}:${basename(p.file)}`, content: fileContent(p.file) });
  }
  for (const s of model.splits ?? []) parts.push({ name: `split:${s.parent}:${basename(s.file)}`, content: fileContent(s.file) });
  return parts;
}

/** Options of {@link reportContext}. */
export interface ReportContextOptions {
  readonly date: ReportDate;
  readonly title?: string;
  /** Inputs beyond the scheme's own (a scenario file, the runs of a simulation). */
  readonly extraInputs?: readonly InputPart[];
  /** The seed of a simulation shown in the document. */
  readonly seed?: number;
}

/** The context a scheme's documents are built from. */
export function reportContext(loaded: Pick<LoadedScheme, 'definition' | 'model'>, result: SchemeResult, options: ReportContextOptions): ReportContext {
  const hash = inputHash([...schemeInputParts(loaded), ...(options.extraInputs ?? [])]);
  const source = schemeSource(loaded);
  return {
    result,
    figures: reportFigures(result),
    reportDate: options.date.iso,
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(loaded.definition.region !== undefined ? { region: loaded.definition.region } : {}),
    parameters: Object.fromEntries(Object.entries(loaded.definition.parameters).map(([name, p]) => [name, { label: p.label, type: p.type }])),
    stamp: provenanceStamp({ version: toolVersion(), provenance: result.scheme.provenance, hash, ...(options.seed !== undefined ? { seed: options.seed } : {}) }),
  };
}
