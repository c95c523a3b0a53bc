/**
 * The cap policy: what becomes of the amount a cap holds back. One type end
 * to end; every other spelling of it is made here, and only here:
 *
 * | scheme file (`cap.policy`)   | model (`CapPolicy`)         | kernel plan        | JSON contracts   |
 * | ---------------------------- | --------------------------- | ------------------ | ---------------- |
 * | `region` (or `cap.carrier`)  | `{ kind: 'carrier', code }` | `CAP_CARRIER`      | `carrier:<code>` |
 * | `redistribute`               | `{ kind: 'redistribute' }`  | `CAP_REDISTRIBUTE` | `redistribute`   |
 * | `none`                       | `{ kind: 'uncovered' }`     | `CAP_UNCOVERED`    | `uncovered`      |
 *
 * The scheme file keeps the agreements' words (the region carries it, or
 * it is redistributed, or nobody takes it); the model names what happens,
 * because the carrier need not be a region (`cap.carrier`). The words each
 * output says a policy in, Swedish and English, are in {@link capPolicyText}.
 */
import { type Text, t } from './errors.js';

/** What happens to the amount that caps hold back. */
export type CapPolicy =
  | { readonly kind: 'redistribute' }
  | { readonly kind: 'carrier'; readonly code: string; readonly name?: string }
  | { readonly kind: 'uncovered' };

/** The policies a scheme file (and `--cap-policy`) can name, in the order messages list them. */
export const CAP_POLICY_NAMES = ['region', 'redistribute', 'none'] as const;

/** The names of {@link CAP_POLICY_NAMES} as a list in a sentence: `region, redistribute eller none`. */
export const CAP_POLICY_NAME_LIST: Text = t(
  `${CAP_POLICY_NAMES.slice(0, -1).join(', ')} eller ${CAP_POLICY_NAMES[CAP_POLICY_NAMES.length - 1]}`,
  `${CAP_POLICY_NAMES.slice(0, -1).join(', ')} or ${CAP_POLICY_NAMES[CAP_POLICY_NAMES.length - 1]}`,
);

/**
 * The party that carries what a cap holds back under policy `region`: the
 * cap's named carrier, else the scheme's region party; `undefined` when the
 * named code is no party, or there is no region to default to.
 */
export function capCarrier<P extends { readonly code: string; readonly kind: string }>(named: string | undefined, parties: readonly P[]): P | undefined {
  const code = named ?? parties.find((p) => p.kind === 'region')?.code;
  return code === undefined ? undefined : parties.find((p) => p.code === code);
}

/**
 * The model's policy for the name a scheme file gives: `redistribute` and
 * `none` stand alone; any other name (`region`) is carried by `carrier`, and
 * is `undefined` when there is none to carry it (the caller says why).
 *
 * @example
 * capPolicyOf('none') // { kind: 'uncovered' }
 * capPolicyOf('region', { code: '01', name: 'Region Stockholm' }) // { kind: 'carrier', code: '01', name: 'Region Stockholm' }
 */
export function capPolicyOf(name: string | undefined, carrier?: { readonly code: string; readonly name: string }): CapPolicy | undefined {
  if (name === 'redistribute') return { kind: 'redistribute' };
  if (name === 'none') return { kind: 'uncovered' };
  return carrier === undefined ? undefined : { kind: 'carrier', code: carrier.code, name: carrier.name };
}

/**
 * The policy as the JSON contracts write it: `carrier:01`, `redistribute`,
 * `uncovered`. Written for scripts only: nothing in andel reads it back
 * (the policy itself travels as a {@link CapPolicy}).
 */
export function capPolicyJson(policy: CapPolicy): string {
  return policy.kind === 'carrier' ? `carrier:${policy.code}` : policy.kind;
}

/** The carrier's policy in a simulation kernel plan. */
export const CAP_CARRIER = 0;
/** The redistribute policy in a simulation kernel plan. */
export const CAP_REDISTRIBUTE = 1;
/** The uncovered (`none`) policy in a simulation kernel plan. */
export const CAP_UNCOVERED = 2;

/**
 * A policy in a simulation kernel plan: a small integer, so that a plan is
 * plain numbers a worker thread receives as they are, and the hot loop
 * compares integers rather than strings.
 */
export type KernelCapPolicy = typeof CAP_CARRIER | typeof CAP_REDISTRIBUTE | typeof CAP_UNCOVERED;

/** The kernel's number for a policy. */
export function kernelCapPolicy(policy: CapPolicy): KernelCapPolicy {
  switch (policy.kind) {
    case 'carrier':
      return CAP_CARRIER;
    case 'redistribute':
      return CAP_REDISTRIBUTE;
    case 'uncovered':
      return CAP_UNCOVERED;
  }
}

/**
 * The forms in which outputs say a policy, each for its own register:
 *
 * - `document`: a clause in a PDF's prose (`Region Stockholm bär det som taket håller tillbaka`);
 * - `note`: a clause in a table's reconciliation notes, shorter;
 * - `predicate`: what is done to "det som taket håller tillbaka" (`bärs av Region Stockholm (01)`, `fördelas om`);
 * - `sentence`: a sentence of its own, in a message (`Det som taket håller tillbaka bär Region Stockholm`);
 * - `warning`: the policy as a terminal warning names it (`policy: ej täckt`);
 * - `shortfall`: why nobody else takes what a cap holds back, when some of it is not covered.
 */
export type CapPolicyForm = 'document' | 'note' | 'predicate' | 'sentence' | 'warning' | 'shortfall';

/**
 * Every way andel words a policy, side by side, so that a change of wording
 * is made once: a policy's forms together, the carrier's naming the carrier.
 */
const WORDING: { readonly [K in `${CapPolicy['kind']}.${CapPolicyForm}`]: (carrier: string) => Text } = {
  'carrier.document': (c) => t(`${c} bär det som taket håller tillbaka`, `${c} carries what the cap holds back`),
  'carrier.note': (c) => t(`${c} bär det som taket håller tillbaka`, `${c} carries what the cap holds back`),
  'carrier.predicate': (c) => t(`bärs av ${c}`, `is carried by ${c}`),
  'carrier.sentence': (c) => t(`Det som taket håller tillbaka bär ${c}`, `What the cap holds back is carried by ${c}`),
  'carrier.warning': () => t('policy: en bärare', 'policy: a carrier'),
  'carrier.shortfall': () => t('och enligt fördelningens princip tar ingen annan part över det som taket håller tillbaka', "and under the agreement's principle no other party takes over what the cap holds back"),
  'redistribute.document': () => t('det som taket håller tillbaka fördelas om på parterna under taket, efter deras andel', 'what the cap holds back is shared among the parties below the cap, by their shares'),
  'redistribute.note': () => t('det som taket håller tillbaka fördelas om på övriga parter efter andel', 'what the cap holds back is shared among the other parties by share'),
  'redistribute.predicate': () => t('fördelas om', 'is redistributed'),
  'redistribute.sentence': () => t('Det som taket håller tillbaka fördelas om på parterna under taket', 'What the cap holds back is shared among the parties below the cap'),
  'redistribute.warning': () => t('policy: fördela om, men ingen part har utrymme kvar under taket', 'policy: redistribute, but no party has room left under the cap'),
  'redistribute.shortfall': () => t('så det som taket håller tillbaka kan inte fördelas om på någon annan part', 'so what the cap holds back cannot be shared among other parties'),
  'uncovered.document': () => t('det som taket håller tillbaka täcks inte av någon part och redovisas som ej täckt', 'what the cap holds back is covered by no party and reported as not covered'),
  'uncovered.note': () => t('det som taket håller tillbaka redovisas som ej täckt', 'what the cap holds back is reported as not covered'),
  'uncovered.predicate': () => t('redovisas som ej täckt', 'is reported as not covered'),
  'uncovered.sentence': () => t('Det som taket håller tillbaka redovisas som ej täckt', 'What the cap holds back is reported as uncovered'),
  'uncovered.warning': () => t('policy: ej täckt', 'policy: none, reported as not covered'),
  'uncovered.shortfall': () => t('och enligt fördelningens princip tar ingen annan part över det som taket håller tillbaka', "and under the agreement's principle no other party takes over what the cap holds back"),
};

/**
 * A policy in words, in the form an output needs, Swedish and English. The
 * one place where a policy is phrased: every table, document, warning and
 * message takes its words from here.
 *
 * @param policy - the policy, or only its kind.
 * @param carrier - how the output names the carrier (`Region Stockholm (01)`); by default the
 *   policy's name for it, else its code. Unused for the other policies.
 * @example
 * capPolicyText({ kind: 'carrier', code: '01', name: 'Region Stockholm' }, 'note').sv // 'Region Stockholm bär det som taket håller tillbaka'
 * capPolicyText('uncovered', 'predicate').sv // 'redovisas som ej täckt'
 */
export function capPolicyText(policy: CapPolicy | CapPolicy['kind'], form: CapPolicyForm, carrier?: string): Text {
  const p = typeof policy === 'string' ? undefined : policy;
  const kind = typeof policy === 'string' ? policy : policy.kind;
  return WORDING[`${kind}.${form}`](carrier ?? (p?.kind === 'carrier' ? (p.name ?? p.code) : ''));
}

/**
 * What the `document` form adds under `redistribute` when the parties under
 * the cap cannot take all of it: `, så långt taket räcker; 614 018,85 kr
 * täcks inte av någon part`.
 *
 * @param amount - the amount not covered, formatted.
 */
export function redistributeShortfallText(amount: string): Text {
  return t(`, så långt taket räcker; ${amount} täcks inte av någon part`, `, as far as the cap allows; ${amount} is covered by no party`);
}
