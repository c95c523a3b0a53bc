// Inline schemes for scenario tests: a scheme file's text and its inputs in
// memory, turned into the VariantSource the scenario models compute on.
import { parameterInfos, parameterUses } from '../../../data/load-scenario.js';
import type { ResolveInputs } from '../../../data/scheme/inputs.js';
import { parseSchemeFile } from '../../../data/scheme/parse.js';
import { resolveScheme } from '../../../data/scheme/resolve.js';
import { type PartyChanges, applyPartyChanges } from '../../../models/scenarios/party-changes.js';
import type { VariantSource } from '../../../models/scenarios/source.js';

/** A VariantSource for a scheme written inline, resolved with `inputs`. */
export function inlineSource(yaml: string, inputs: ResolveInputs = {}, changes: PartyChanges = { leave: [], join: [] }, overrides: Record<string, string> = {}): VariantSource {
  const def = parseSchemeFile(yaml, 'inline.yaml');
  const variant = (values: Readonly<Record<string, string>>) => applyPartyChanges(resolveScheme(def, { ...inputs, overrides: { ...overrides, ...values } }), changes);
  return {
    model: variant({}),
    parameters: parameterInfos(def, overrides, variant({}).parameters),
    uses: parameterUses(def),
    countyParties: def.parties.flatMap((p) => ('code' in p && p.population === 'county' ? [p.code] : [])),
    variant,
  };
}

/** A capped share like the Stockholm licence, among `pops.length` municipalities and a region carrier. */
export function cappedShareYaml(opts: { policy?: string; rounding?: string } = {}): string {
  return `
id: capped
title: Tak
summary: test
rounding: "${opts.rounding ?? '0.01'}"
parties:
  - { code: "01", name: Regionen, kind: region, population: county }
  - from: population
parameters:
  total: { type: money, value: "1500000", label: Total }
  cap.amount: { type: money, value: "615312", label: Tak }
  cap.policy: { type: enum, value: ${opts.policy ?? 'region'}, values: [region, redistribute, none], label: Regel }
components:
  - id: licence
    kind: share
    label: Licens
    total: { param: total }
    key: population
    parties: kommun
    cap: { amount: { param: cap.amount }, policy: { param: cap.policy }, parties: kommun }
`;
}

/** Population rows for codes 0101, 0102, … */
export function rows(pops: readonly number[]): { rows: { code: string; name: string; population: number }[] } {
  return { rows: pops.map((population, i) => ({ code: `01${String(i + 1).padStart(2, '0')}`, name: `Kommun ${String.fromCharCode(65 + i)}`, population })) };
}
