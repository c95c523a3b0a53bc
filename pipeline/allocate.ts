/**
 * Each party's figure from a request: a built-in scheme, a scheme file, a
 * scenario file (its overrides and party changes applied) or a generic
 * scheme built from options, loaded with its inputs and evaluated.
 */
import type { SchemeResult } from '../models/evaluate.js';
import { evaluateScheme } from '../models/evaluate.js';
import type { Problem } from '../models/errors.js';
import { type OnEvent, ignoreEvents } from './events.js';
import { type SchemeRequest, type SchemeSubject, loadSubject } from './load.js';

/** A request for an allocation, and who hears about it. */
export interface AllocationRequest extends SchemeRequest {
  readonly onEvent?: OnEvent;
}

/** The evaluated scheme and what loading it said. */
export interface AllocationRun {
  readonly subject: SchemeSubject;
  readonly result: SchemeResult;
  readonly warnings: readonly Problem[];
}

/**
 * Loads and evaluates.
 *
 * @example
 * const { result } = await runAllocation({ scheme: 'sthlm-2020', inputs: { overrides: { 'licence.total': '1500000' } } });
 */
export async function runAllocation(request: AllocationRequest): Promise<AllocationRun> {
  const onEvent = request.onEvent ?? ignoreEvents;
  const subject = await loadSubject(request);
  onEvent({ type: 'warnings', warnings: subject.warnings });
  if (subject.partyNote) onEvent({ type: 'note', text: subject.partyNote });
  const result = evaluateScheme(subject.model);
  onEvent({ type: 'evaluated', result });
  return { subject, result, warnings: subject.warnings };
}
