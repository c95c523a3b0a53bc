// "Did you mean": a name a letter or two away from a known one finds it; a name far from every known one finds none.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, nameList, withSuggestion } from '../../models/did-you-mean.js';
import { t } from '../../models/errors.js';

describe('closestName', () => {
  it('finds the misspellings of the issue', () => {
    expect(closestName('regoin', ['region', 'redistribute', 'none'])).toBe('region');
    expect(closestName('cots', ['cost'])).toBe('cost');
    expect(closestName('rat', ['rate'])).toBe('rate');
    expect(closestName('sumary', ['id', 'title', 'summary'])).toBe('summary');
    expect(closestName('Populaton', ['population', 'users', 'equal'])).toBe('population');
  });

  it('suggests nothing for a name far from every candidate, or for no candidates', () => {
    expect(closestName('licence', ['rate'])).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });

  it('finds a name with one letter changed, among names that differ in more than two letters', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnop'), minLength: 4, maxLength: 12 });
    fc.assert(
      fc.property(word, fc.nat(), fc.constantFrom(...'qrstuvwxyz'), (name, at, letter) => {
        const i = at % name.length;
        const typo = name.slice(0, i) + letter + name.slice(i + 1);
        // The other candidates share no letter with the name: none can be closer than the name itself.
        expect(closestName(typo, ['ZZZZZZZZZZZZZZ', name, '0123456789'])).toBe(name);
      }),
      { seed: 15, numRuns: 300 },
    );
  });

  it('is appended to a message only when a candidate is close', () => {
    expect(withSuggestion(t('okänd', 'unknown'), 'rat', ['rate'])).toEqual(t('okänd. Menade du "rate"?', 'unknown. Did you mean "rate"?'));
    expect(withSuggestion(t('okänd', 'unknown'), 'licence', ['rate'])).toEqual(t('okänd', 'unknown'));
    expect(nameList(['a', 'b', 'c'])).toEqual(t('a, b eller c', 'a, b or c'));
  });
});
