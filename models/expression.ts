/**
 * Exact expressions for derived parameters: `cost.total * 0.5`,
 * `min(cap.amount, cost.total / 10)`, `round(licence.total * 1.1, 1000)`.
 *
 * The language: decimal numbers written with a point (`0.5`, `1000`),
 * parameter names as the scheme names them (letters, digits, `_` and `.`),
 * `+`, `-` (or `−`), `*` (or `×`), `/` (or `÷`), parentheses, unary minus,
 * and three functions: `min(a, b, …)`, `max(a, b, …)` and `round(x, unit)`,
 * which rounds x to the nearest multiple of unit, half away from zero
 * (`round(x, 1000)`: to whole thousands; `round(x, 0.01)`: to the öre).
 * The usual precedence: unary minus, then `*` and `/`, then `+` and `-`,
 * each left to right.
 *
 * Every operation is a decimal.js operation (`Dec`, 40 significant digits):
 * sums, differences, products and `round` are exact; a quotient is exact
 * where it terminates within 40 digits and otherwise correct to 40 digits,
 * and the caller brings the result onto its parameter's grid (see
 * `data/scheme/parameters.ts`). Pure: no I/O.
 */
import { type Text, t } from './errors.js';
import { Dec } from './money.js';

/** A parsed expression. `at` is the 0-based index in the text where the part starts. */
export type Expr =
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'name'; readonly name: string; readonly at: number }
  | { readonly kind: 'negate'; readonly arg: Expr; readonly at: number }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/'; readonly left: Expr; readonly right: Expr; readonly at: number }
  | { readonly kind: 'call'; readonly fn: ExprFunction; readonly args: readonly Expr[]; readonly at: number };

/** The functions an expression may call. */
export type ExprFunction = 'min' | 'max' | 'round';

/** What is wrong with an expression, and where (a 0-based index in its text). */
export interface ExprProblem {
  readonly message: Text;
  readonly at: number;
}

type Token =
  | { readonly kind: 'number'; readonly text: string; readonly at: number }
  | { readonly kind: 'name'; readonly text: string; readonly at: number }
  | { readonly kind: 'op'; readonly text: '+' | '-' | '*' | '/' | '(' | ')' | ','; readonly at: number }
  | { readonly kind: 'end'; readonly at: number };

const OPERATORS: Readonly<Record<string, '+' | '-' | '*' | '/' | '(' | ')' | ','>> = {
  '+': '+', '-': '-', '\u2212': '-', '*': '*', '\u00d7': '*', '/': '/', '\u00f7': '/', '(': '(', ')': ')', ',': ',',
};
const FUNCTIONS: readonly ExprFunction[] = ['min', 'max', 'round'];
const NAME_START = /[A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/;
const NAME_PART = /[A-Za-z0-9_.\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/;

function tokenize(text: string): { tokens: Token[] } | { problem: ExprProblem } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/\d/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: m[0], at: i });
      i += m[0].length;
      continue;
    }
    if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < text.length && NAME_PART.test(text[j]!)) j++;
      // A name does not end in a point ("a." is a typo, not a name).
      while (j > i + 1 && text[j - 1] === '.') j--;
      tokens.push({ kind: 'name', text: text.slice(i, j), at: i });
      i = j;
      continue;
    }
    const op = OPERATORS[c];
    if (op) {
      tokens.push({ kind: 'op', text: op, at: i });
      i++;
      continue;
    }
    return { problem: { at: i, message: t(`tecknet "${c}" hör inte till ett uttryck (tal, parameternamn, + − * /, parenteser, min, max, round)`, `the character "${c}" is not part of an expression (numbers, parameter names, + − * /, parentheses, min, max, round)`) } };
  }
  tokens.push({ kind: 'end', at: text.length });
  return { tokens };
}

/**
 * Parses an expression. A syntax error gives its place in the text.
 *
 * @example
 * parseExpression('cost.total * 0.5');  // { ok: true, expr: { kind: 'binary', op: '*', … } }
 * parseExpression('cost.total *');      // { ok: false, problem: { at: 12, … } }
 */
export function parseExpression(text: string): { ok: true; expr: Expr } | { ok: false; problem: ExprProblem } {
  const lexed = tokenize(text);
  if ('problem' in lexed) return { ok: false, problem: lexed.problem };
  const tokens = lexed.tokens;
  let k = 0;
  const peek = (): Token => tokens[k]!;
  const isOp = (tok: Token, ...ops: string[]): boolean => tok.kind === 'op' && ops.includes(tok.text);
  class Fail {
    constructor(readonly problem: ExprProblem) {}
  }
  const describe = (tok: Token): string => (tok.kind === 'end' ? 'slutet' : `"${tok.text}"`);
  const describeEn = (tok: Token): string => (tok.kind === 'end' ? 'the end' : `"${tok.text}"`);
  const expected = (what: Text, tok: Token): Fail =>
    new Fail({ at: tok.at, message: t(`väntade ${what.sv}, fann ${describe(tok)}`, `expected ${what.en}, found ${describeEn(tok)}`) });

  const sum = (): Expr => {
    let left = product();
    while (isOp(peek(), '+', '-')) {
      const op = peek() as Token & { kind: 'op' };
      k++;
      left = { kind: 'binary', op: op.text as '+' | '-', left, right: product(), at: op.at };
    }
    return left;
  };
  const product = (): Expr => {
    let left = unary();
    while (isOp(peek(), '*', '/')) {
      const op = peek() as Token & { kind: 'op' };
      k++;
      left = { kind: 'binary', op: op.text as '*' | '/', left, right: unary(), at: op.at };
    }
    return left;
  };
  const unary = (): Expr => {
    const tok = peek();
    if (isOp(tok, '-')) {
      k++;
      return { kind: 'negate', arg: unary(), at: tok.at };
    }
    if (isOp(tok, '+')) {
      k++;
      return unary();
    }
    return primary();
  };
  const primary = (): Expr => {
    const tok = peek();
    if (tok.kind === 'number') {
      k++;
      return { kind: 'number', text: tok.text, at: tok.at };
    }
    if (tok.kind === 'name') {
      k++;
      if (isOp(peek(), '(')) {
        const fn = FUNCTIONS.find((f) => f === tok.text);
        if (!fn) throw new Fail({ at: tok.at, message: t(`okänd funktion ${tok.text}; ett uttryck har min, max och round`, `unknown function ${tok.text}; an expression has min, max and round`) });
        k++;
        const args: Expr[] = [sum()];
        while (isOp(peek(), ',')) {
          k++;
          args.push(sum());
        }
        if (!isOp(peek(), ')')) throw expected(t('"," eller ")"', '"," or ")"'), peek());
        k++;
        if (fn === 'round' && args.length !== 2) {
          throw new Fail({ at: tok.at, message: t(`round tar två argument, talet och enheten att avrunda till (round(x, 1000)), inte ${args.length}`, `round takes two arguments, the number and the unit to round to (round(x, 1000)), not ${args.length}`) });
        }
        if (fn !== 'round' && args.length < 2) {
          throw new Fail({ at: tok.at, message: t(`${fn} tar minst två argument`, `${fn} takes at least two arguments`) });
        }
        return { kind: 'call', fn, args, at: tok.at };
      }
      return { kind: 'name', name: tok.text, at: tok.at };
    }
    if (isOp(tok, '(')) {
      k++;
      const inner = sum();
      if (!isOp(peek(), ')')) throw expected(t('")"', '")"'), peek());
      k++;
      return inner;
    }
    throw expected(t('ett tal, ett parameternamn eller "("', 'a number, a parameter name or "("'), tok);
  };

  try {
    if (peek().kind === 'end') return { ok: false, problem: { at: 0, message: t('uttrycket är tomt', 'the expression is empty') } };
    const expr = sum();
    if (isOp(peek(), ',')) {
      throw new Fail({ at: peek().at, message: t('ett komma utanför min, max och round: decimaltecknet i ett uttryck är punkt (0.5)', 'a comma outside min, max and round: the decimal mark in an expression is a point (0.5)') });
    }
    if (peek().kind !== 'end') throw expected(t('en operator (+ − * /) eller slutet', 'an operator (+ − * /) or the end'), peek());
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** The parameter names an expression refers to, each once, in the order written, with where each first stands. */
export function expressionNames(expr: Expr): { readonly name: string; readonly at: number }[] {
  const out = new Map<string, number>();
  const walk = (e: Expr): void => {
    if (e.kind === 'name') {
      if (!out.has(e.name)) out.set(e.name, e.at);
    } else if (e.kind === 'negate') walk(e.arg);
    else if (e.kind === 'binary') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'call') e.args.forEach(walk);
  };
  walk(expr);
  return [...out].map(([name, at]) => ({ name, at }));
}

/**
 * Evaluates an expression exactly in decimal.js, with each name's value
 * from `valueOf` (in the units the model takes: kronor for money, a
 * fraction for a percentage). A division by zero, or a round to a unit
 * that is not positive, is a problem at its place.
 *
 * @example
 * evaluateExpression(parse('a * 0.5'), () => new Dec('12000000'));  // { ok: true, value: 6000000 }
 */
export function evaluateExpression(expr: Expr, valueOf: (name: string) => Dec): { ok: true; value: Dec } | { ok: false; problem: ExprProblem } {
  class Fail {
    constructor(readonly problem: ExprProblem) {}
  }
  const ev = (e: Expr): Dec => {
    switch (e.kind) {
      case 'number':
        return new Dec(e.text);
      case 'name':
        return valueOf(e.name);
      case 'negate':
        return ev(e.arg).negated();
      case 'binary': {
        const a = ev(e.left);
        const b = ev(e.right);
        if (e.op === '+') return a.plus(b);
        if (e.op === '-') return a.minus(b);
        if (e.op === '*') return a.times(b);
        if (b.isZero()) throw new Fail({ at: e.at, message: t('division med noll', 'division by zero') });
        return a.dividedBy(b);
      }
      case 'call': {
        const args = e.args.map(ev);
        if (e.fn === 'min') return Dec.min(...args);
        if (e.fn === 'max') return Dec.max(...args);
        const [x, unit] = args as [Dec, Dec];
        if (!unit.greaterThan(0)) throw new Fail({ at: e.at, message: t(`round: enheten ska vara större än noll, inte ${unit.toString()}`, `round: the unit must be greater than zero, not ${unit.toString()}`) });
        return roundToUnit(x, unit);
      }
    }
  };
  try {
    return { ok: true, value: ev(expr) };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** x to the nearest multiple of `unit` (> 0), half away from zero: `roundToUnit(2500, 1000)` is 3000, `roundToUnit(-2500, 1000)` is −3000. */
export function roundToUnit(x: Dec, unit: Dec): Dec {
  return x.dividedBy(unit).toDecimalPlaces(0, Dec.ROUND_HALF_UP).times(unit);
}

/** The numeric parameter types an expression computes with and a derived parameter can have. */
export type ExprType = 'money' | 'rate' | 'integer' | 'decimal' | 'percent';

/**
 * The step of a type's grid in the units an expression reads (kronor for
 * money and rates, a fraction for a percentage): money the scheme's
 * rounding unit, a rate an öre, a decimal and a percentage a millionth
 * (four decimals of a percentage point), an integer one.
 */
export function exprStep(type: ExprType, unitOre: number): Dec {
  switch (type) {
    case 'money':
      return new Dec(unitOre).dividedBy(100);
    case 'rate':
      return new Dec('0.01');
    case 'decimal':
    case 'percent':
      return new Dec('0.000001');
    case 'integer':
      return new Dec(1);
  }
}

/**
 * A derived value brought onto its type's grid: money rounded half away from
 * zero to the rounding unit (the scheme says how money is rounded); any
 * other type must lie on its grid already, else it is refused (rounding it
 * would be a guess: `round(…, unit)` says how).
 */
export function onDerivedGrid(type: ExprType, x: Dec, unitOre: number): { ok: true; value: Dec } | { ok: false; message: Text; hint: Text } {
  const step = exprStep(type, unitOre);
  if (type === 'money') return { ok: true, value: roundToUnit(x, step) };
  if (x.dividedBy(step).isInteger()) return { ok: true, value: x };
  const words: Record<Exclude<ExprType, 'money'>, Text> = {
    rate: t('hela ören', 'whole öre'),
    decimal: t('sex decimaler', 'six decimals'),
    percent: t('fyra decimaler av en procentenhet', 'four decimals of a percentage point'),
    integer: t('heltal', 'whole numbers'),
  };
  const unit = type === 'integer' ? '1' : type === 'rate' ? '0.01' : '0.000001';
  return {
    ok: false,
    message: t(`uttrycket ger ${swedishNumber(x)}, som inte går jämnt ut i ${words[type].sv}`, `the expression gives ${x.toString()}, which does not come out in ${words[type].en}`),
    hint: t(`Säg hur det ska avrundas med round(…, ${unit}).`, `Say how to round it with round(…, ${unit}).`),
  };
}

/** How a parameter is named and what it is, for {@link expressionInWords}. */
export interface WordsOf {
  /** The parameter's label as the scheme gives it. */
  label(name: string): string;
  /** Whether the parameter is a percentage ("Andel av Kostnad" rather than "Kostnad gånger Andel"). */
  isPercent(name: string): boolean;
}

/** A decimal in Swedish: `1 000`, `0,5`, `−2`. */
export function swedishNumber(d: Dec): string {
  const [int, frac] = d.abs().toFixed().split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${d.isNegative() ? '\u2212' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/**
 * An expression in Swedish words for readers: `cost.total * 0.5` with
 * cost.total labelled "Kostnad" is "50 % av Kostnad"; `a + b` is "A plus
 * B"; `min(a, b)` is "det minsta av A och B"; `round(x, 1000)` is "X
 * avrundat till närmaste 1 000". Labels are used as written (never
 * declined); a compound part of a product is put in parentheses.
 */
export function expressionInWords(expr: Expr, words: WordsOf): string {
  const list = (parts: string[]): string => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} och ${parts[parts.length - 1]}`);
  const percentOf = (e: Expr): Dec | undefined => (e.kind === 'number' && new Dec(e.text).greaterThan(0) && new Dec(e.text).lessThanOrEqualTo(1) ? new Dec(e.text).times(100) : undefined);
  const isPercentName = (e: Expr): boolean => e.kind === 'name' && words.isPercent(e.name);
  // A part of a product, a quotient or a rounding is put in parentheses when it is itself
  // a sum or a difference, or (`keep` aside) any other operation: words have no precedence.
  const tight = (e: Expr, keep?: '*'): string => {
    const w = say(e);
    return e.kind === 'binary' && e.op !== keep ? `(${w})` : w;
  };
  const say = (e: Expr): string => {
    switch (e.kind) {
      case 'number':
        return swedishNumber(new Dec(e.text));
      case 'name':
        return words.label(e.name);
      case 'negate':
        return `minus ${tight(e.arg)}`;
      case 'binary': {
        if (e.op === '*') {
          const pl = percentOf(e.left);
          const pr = percentOf(e.right);
          if (pr && !pl) return `${swedishNumber(pr)} % av ${tight(e.left)}`;
          if (pl) return `${swedishNumber(pl)} % av ${tight(e.right)}`;
          if (isPercentName(e.right) && !isPercentName(e.left)) return `${say(e.right)} av ${tight(e.left)}`;
          if (isPercentName(e.left) && !isPercentName(e.right)) return `${say(e.left)} av ${tight(e.right)}`;
          return `${tight(e.left, '*')} gånger ${tight(e.right)}`;
        }
        if (e.op === '/') {
          return `${tight(e.left)} delat med ${tight(e.right)}`;
        }
        const right = e.right.kind === 'binary' && (e.right.op === '+' || e.right.op === '-') ? `(${say(e.right)})` : say(e.right);
        return `${say(e.left)} ${e.op === '+' ? 'plus' : 'minus'} ${right}`;
      }
      case 'call': {
        if (e.fn === 'round') {
          const unit = e.args[1]!;
          const to = unit.kind === 'number' && new Dec(unit.text).equals(1) ? 'närmaste heltal' : `närmaste ${say(unit)}`;
          return `${tight(e.args[0]!)} avrundat till ${to}`;
        }
        return `det ${e.fn === 'min' ? 'minsta' : 'största'} av ${list(e.args.map((a) => tight(a)))}`;
      }
    }
  };
  return say(expr);
}
