// The running header and footer marked as artifacts in a content stream laid
// out as Chromium writes it: body block, then the templates' blocks, with the
// body's last marked content left open across them.
import { describe, expect, it } from 'vitest';
import { contentOperators, markTemplatesAsArtifacts } from '../../../reports/render/pdf-artifacts.js';

const CHROMIUM_PAGE = [
  '.24 0 0 -.24 0 841.92 cm',
  'q 212.5 284.375 2055 2966 re W* n q 3.125 0 0 3.125 212.5 284.375 cm',
  '/H2 <</MCID 0 >>BDC BT /F5 14 Tf (Rubrik \\) med parentes) Tj ET EMC',
  '/NonStruct <</MCID 1 >>BDC BT ET',
  'Q Q',
  'q 0 0 2481 3506 re W* n q 3.125 0 0 3.125 0 0 cm /G3 gs EMC',
  '68 41 659 1 re f BT /F5 10.66 Tf 1 0 0 -1 68 31 Tm <0014> Tj ET Q Q',
  'q 0 0 2481 3506 re W* n q BT /F5 10 Tf <0085> Tj ET Q Q',
].join('\n');

/** The marked-content nesting of a stream: each text-showing operator with the tags around it. */
function textMarking(content: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  let previousEnd = 0;
  for (const op of contentOperators(content)) {
    if (op.name === 'BDC' || op.name === 'BMC') stack.push(/\/(\w+)/.exec(content.slice(previousEnd, op.start))?.[1] ?? '?');
    else if (op.name === 'EMC') {
      expect(stack.length, 'an EMC without its BDC').toBeGreaterThan(0);
      stack.pop();
    } else if (op.name === 'Tj') out.push(stack.join('>') || '(none)');
    previousEnd = op.end;
  }
  expect(stack).toEqual([]);
  return out;
}

describe('markTemplatesAsArtifacts', () => {
  it('reads operators, not the text of strings', () => {
    expect(contentOperators('(a Tj \\( Q) Tj <00 51> Tj /Q Do').map((o) => o.name)).toEqual(['Tj', 'Tj', 'Do']);
  });

  it('wraps what follows the body as a pagination artifact and balances the marked content', () => {
    expect(textMarking(CHROMIUM_PAGE)).toEqual(['H2', '(none)', '(none)']);
    const marked = markTemplatesAsArtifacts(CHROMIUM_PAGE) ?? '';
    expect(textMarking(marked)).toEqual(['H2', 'Artifact', 'Artifact']);
    expect(marked).toContain('/Artifact <</Type /Pagination>> BDC');
    // The body is untouched up to the point where its open marked content is closed.
    expect(marked.startsWith(CHROMIUM_PAGE.slice(0, CHROMIUM_PAGE.indexOf('/NonStruct')))).toBe(true);
  });

  it('leaves a page without header or footer as it is', () => {
    expect(markTemplatesAsArtifacts('q 1 0 0 1 0 0 cm /P <</MCID 0>> BDC BT (x) Tj ET EMC Q')).toBeUndefined();
  });
});
