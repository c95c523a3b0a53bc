/**
 * Where a scheme's figures come from, as every output states it: the
 * population the scheme names and the user counts per year.
 */
import type { Provenance } from '../../models/scheme.js';
import type { ResolveInputs } from './inputs.js';
import type { SchemeFile } from './schema.js';

/** The provenance of the population and of each year's user counts. */
export function schemeProvenance(def: SchemeFile, inputs: ResolveInputs): Provenance[] {
  const provenance: Provenance[] = [];
  if (def.population) {
    provenance.push({
      label: def.population.label ?? `Folkmängd ${def.population.referenceDate}`,
      source: def.population.source,
      referenceDate: def.population.referenceDate,
      file: inputs.population?.file ?? def.population.file,
    });
  }
  if (inputs.users) {
    for (const [year, f] of Object.entries(inputs.usersFiles ?? {})) {
      provenance.push({
        label: `Antal användare ${year}${def.users?.takenOn ? ` (${def.users.takenOn})` : ''}`,
        source: def.users?.note ?? 'användarfil',
        file: f,
        ...(inputs.usersExample ? { example: true } : {}),
      });
    }
  }
  return provenance;
}
