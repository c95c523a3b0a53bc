/**
 * What a pipeline run tells its caller while it works: the loaders'
 * warnings, notes on assumed inputs, each evaluated result (so that a
 * shortfall is said where the caller speaks). The progress of long steps
 * goes to an `onProgress` of its own. The command line turns each event into
 * a line on stderr; a notebook may ignore them, since every result also
 * carries what it was told.
 */
import type { Problem, Text } from '../models/errors.js';
import type { SchemeResult } from '../models/evaluate.js';
import type { Caveat } from '../models/scheme.js';

/** Which side of a comparison a result is. */
export type Side = 'base' | 'scenario';

/** One thing a pipeline step reports while it runs. */
export type PipelineEvent =
  /** The loader's warnings (near-miss names, assumed values). */
  | { readonly type: 'warnings'; readonly warnings: readonly Problem[] }
  /** A sentence on what the inputs were taken to be; `scheme` names the scheme it belongs to when a run covers several. */
  | { readonly type: 'note'; readonly text: Text; readonly scheme?: string }
  /** A result was evaluated: any shortfall in it must be said. */
  | { readonly type: 'evaluated'; readonly result: SchemeResult; readonly side?: Side; readonly scheme?: string }
  /** A simulation starts. */
  | { readonly type: 'simulating'; readonly runs: number; readonly seed: number };

/** Receives a pipeline's events; the default ignores them. */
export type OnEvent = (event: PipelineEvent) => void;

/** The listener that ignores everything. */
export const ignoreEvents: OnEvent = () => {};

/**
 * The operator's hints of a scheme's caveats as notes, each once: the
 * documents carry only the reader's sentence, so the hint of what to give
 * instead ("Ange verkliga antal med --users ÅR=FIL.") is said where the
 * operator is, with the reader's sentence before it for context.
 */
export function noteCaveats(onEvent: OnEvent, caveats: readonly (readonly Caveat[] | undefined)[], scheme?: string): void {
  const said = new Set<string>();
  for (const c of caveats.flatMap((list) => list ?? [])) {
    if (c.operator === undefined) continue;
    const text = `${c.reader} ${c.operator}`;
    if (said.has(text)) continue;
    said.add(text);
    onEvent({ type: 'note', text: { sv: text, en: text }, ...(scheme !== undefined ? { scheme } : {}) });
  }
}
