/**
 * The recipient register of the letters (`andel report letters …
 * --recipients FILE`): for each party its legal name (`Göteborgs kommun`),
 * address, postal code and town, e-mail and the recipient's own reference,
 * as a CSV or XLSX table read with the same readers as population and
 * user-count files. A party not in the register gets a default recipient
 * (its name and kind), and the terminal says so.
 *
 * `data/letters/exempel-mottagare.csv` is an example; a comment line
 * `# exempeldata` marks a register as example data, and every letter that
 * uses it says so.
 */
import { extname } from 'node:path';
import { InputError, ProblemList, t, type Problem } from '../../models/errors.js';
import { checkOrgNumber, checkPeppolId } from '../../models/invoicing/identifiers.js';
import { decodeText, looksLikeSpreadsheet } from '../decode-text.js';
import { readInputFile, sortByLine } from '../input-file.js';
import { readFirstSheet } from '../spreadsheet.js';
import { type ColumnSpec, type TableLayout, columnOf, headerWidth, locateTable, readDelimitedTable, rowFields } from '../table.js';

/** One recipient as the register gives it; empty fields are absent. */
export interface Recipient {
  /** The party's code: a kommunkod, a länskod, or a sub-party's `KOD-DEL`. */
  readonly code: string;
  /** The legal name the letter is addressed to, e.g. `Göteborgs kommun`. */
  readonly name: string;
  /** Address lines above the postal code (a street, a box, a department). */
  readonly address: readonly string[];
  /** `411 04`, as written with its space. */
  readonly postalCode?: string;
  readonly town?: string;
  readonly email?: string;
  /** The recipient's own reference (`Er referens`); on an invoice, the buyer's reference (BT-10). */
  readonly reference?: string;
  /** Organisationsnummer, ten digits without the hyphen (checked: Luhn). */
  readonly orgNumber?: string;
  /** Peppol participant id (`0007:2120001355`), when the register gives one. */
  readonly peppolId?: string;
  readonly line: number;
}

/** A checked recipient register. */
export interface RecipientRegister {
  readonly file: string;
  /** By code. */
  readonly recipients: ReadonlyMap<string, Recipient>;
  /** True when the file declares itself example data (`# exempeldata` line). */
  readonly example: boolean;
  readonly warnings: readonly Problem[];
}

type Col = 'code' | 'name' | 'address' | 'address2' | 'postalCode' | 'town' | 'email' | 'reference' | 'orgNumber' | 'peppolId';

// Header names as normaliseHeader leaves them (lower case, no diacritics or punctuation).
const SPECS: readonly ColumnSpec<Col>[] = [
  { key: 'code', matches: (n) => ['kod', 'kommunkod', 'lanskod', 'partkod', 'code'].includes(n) },
  { key: 'name', matches: (n) => ['namn', 'mottagare', 'juridisktnamn', 'name'].includes(n) },
  { key: 'address', matches: (n) => ['adress', 'adress1', 'utdelningsadress', 'gatuadress', 'address'].includes(n) },
  { key: 'address2', matches: (n) => ['adress2', 'co', 'avdelning', 'address2'].includes(n) },
  { key: 'postalCode', matches: (n) => ['postnummer', 'postnr', 'postcode'].includes(n) },
  { key: 'town', matches: (n) => ['ort', 'postort', 'town'].includes(n) },
  { key: 'email', matches: (n) => ['epost', 'email', 'mejl', 'epostadress'].includes(n) },
  { key: 'reference', matches: (n) => ['referens', 'erreferens', 'koparensreferens', 'reference'].includes(n) },
  { key: 'orgNumber', matches: (n) => ['organisationsnummer', 'orgnr', 'orgnummer', 'organisationsnr'].includes(n) },
  { key: 'peppolId', matches: (n) => ['peppol', 'peppolid', 'peppolidentitet'].includes(n) },
];

/** What a register must give for every recipient, besides code and name: an invoice needs the organisation number and the buyer's reference. */
export interface RecipientRequirements {
  /** `andel invoice`: organisation number and reference on every row. */
  readonly invoicing?: boolean;
}

const EXAMPLE_MARK = /^(exempeldata|example data)\b/i;
const EXPECTED = t('Väntade kolumner: kod, namn, adress, postnummer, ort, epost, referens.', 'Expected columns: kod, namn, adress, postnummer, ort, epost, referens.');

/**
 * Parses and checks a recipient register (CSV in any accepted encoding and
 * delimiter, or the first sheet of an XLSX workbook). Every problem is
 * collected before failing, each with its line and column.
 *
 * @example
 * const r = parseRecipients('# exempeldata\nkod;namn;postnummer;ort\n1438;Dals-Eds kommun;;\n', 'm.csv');
 * r.recipients.get('1438')?.name // 'Dals-Eds kommun'
 */
export function parseRecipients(input: Uint8Array | string, file: string, requirements: RecipientRequirements = {}): RecipientRegister {
  const problems = new ProblemList();
  const spreadsheet = typeof input !== 'string' && looksLikeSpreadsheet(input);
  let layout: TableLayout<Col> | undefined;
  if (spreadsheet) {
    const sheet = readFirstSheet(input, file);
    if (!sheet.ok) throw new InputError([sheet.problem], { code: 'E_RECIPIENTS' });
    layout = locateTable(sheet.records, SPECS);
  } else {
    const decoded = decodeText(input, file);
    if (!decoded.ok) throw new InputError([decoded.problem], { code: 'E_RECIPIENTS' });
    const found = decoded.text.trim() === '' ? undefined : readDelimitedTable(decoded.text, SPECS, file);
    if (found !== undefined) problems.addAll(found.problems);
    layout = found?.layout;
  }
  const header = layout?.header;
  const iCode = layout?.columns.code;
  const iName = layout?.columns.name;
  if (layout === undefined || header === undefined || iCode === undefined || iName === undefined) {
    throw InputError.of(t('hittar ingen rubrikrad med kolumnerna kod och namn', 'no header row with the columns kod and namn was found'), { file, ...(header ? { line: header.line } : {}), hint: EXPECTED }, 'E_RECIPIENTS');
  }
  const width = headerWidth(header);
  const cols = layout.columns;
  const recipients = new Map<string, Recipient>();
  for (const r of layout.rows) {
    const fields = rowFields(r, width, spreadsheet, file, problems);
    if (fields === undefined) continue;
    const at = (i: number) => ({ file, line: r.line, column: columnOf(i, spreadsheet) });
    const get = (i: number | undefined): string | undefined => {
      const v = i === undefined ? '' : (fields[i] ?? '').trim();
      return v === '' ? undefined : v;
    };
    let code = get(iCode) ?? '';
    if (code === '') problems.add(t('koden saknas', 'the code is missing'), at(iCode));
    else if (/^\d{1,3}$/.test(code) && code.length !== 2) {
      // Excel drops leading zeros: "180" was "0180", "1" was "01".
      const padded = code.padStart(code.length === 3 ? 4 : 2, '0');
      problems.warn(t(`koden "${code}" saknar inledande nolla och läses som ${padded}`, `the code "${code}" lacks its leading zero and is read as ${padded}`), at(iCode));
      code = padded;
    } else if (!/^\d{2}(\d{2})?(-[0-9A-Za-z]+)?$/.test(code)) {
      problems.add(t(`"${code}" är ingen kod: en kod är 2 siffror (län), 4 siffror (kommun) eller KOD-DEL`, `"${code}" is not a code: a code is 2 digits (county), 4 digits (municipality) or CODE-PART`), at(iCode));
      code = '';
    }
    const first = recipients.get(code);
    if (code !== '' && first !== undefined) {
      problems.add(t(`koden ${code} förekommer redan på rad ${first.line}`, `the code ${code} already occurs on line ${first.line}`), at(iCode));
      code = '';
    }
    const name = get(iName);
    if (name === undefined) problems.add(t('namnet saknas', 'the name is missing'), at(iName));
    const postalCode = get(cols.postalCode);
    if (postalCode !== undefined && !/^\d{3} ?\d{2}$/.test(postalCode)) {
      problems.add(t(`postnumret "${postalCode}" ska vara fem siffror, t.ex. 411 04`, `the postal code "${postalCode}" must be five digits, e.g. 411 04`), at(cols.postalCode!));
    }
    const email = get(cols.email);
    if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      problems.add(t(`"${email}" är ingen e-postadress`, `"${email}" is not an e-mail address`), at(cols.email!));
    }
    const reference = get(cols.reference);
    const orgText = get(cols.orgNumber);
    const org = orgText === undefined ? undefined : checkOrgNumber(orgText);
    if (org !== undefined && !org.ok) problems.add(org.reason, at(cols.orgNumber!));
    const peppolText = get(cols.peppolId);
    const peppol = peppolText === undefined ? undefined : checkPeppolId(peppolText);
    if (peppol !== undefined && !peppol.ok) problems.add(peppol.reason, at(cols.peppolId!));
    if (requirements.invoicing) {
      const column = (i: number | undefined, fallback: string) => (i !== undefined ? { column: columnOf(i, spreadsheet) } : { column: fallback });
      if (orgText === undefined) {
        problems.add(t('organisationsnumret saknas: en faktura behöver köparens organisationsnummer', "the organisation number is missing: an invoice needs the buyer's organisation number"), { file, line: r.line, ...column(cols.orgNumber, 'organisationsnummer') });
      }
      if (reference === undefined) {
        problems.add(t('köparens referens saknas: offentliga köpare kräver den på varje faktura (referenskod, beställare eller kostnadsställe)', "the buyer's reference is missing: public buyers require it on every invoice (a reference code, the orderer or a cost centre)"), {
          file,
          line: r.line,
          ...column(cols.reference, 'referens'),
        });
      }
    }
    if (code === '' || name === undefined) continue;
    const town = get(cols.town);
    recipients.set(code, {
      code,
      name,
      address: [get(cols.address), get(cols.address2)].filter((a): a is string => a !== undefined),
      ...(postalCode !== undefined ? { postalCode: postalCode.replace(/^(\d{3}) ?(\d{2})$/, '$1 $2') } : {}),
      ...(town !== undefined ? { town } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(reference !== undefined ? { reference } : {}),
      ...(org?.ok ? { orgNumber: org.value } : {}),
      ...(peppol?.ok ? { peppolId: peppol.value } : {}),
      line: r.line,
    });
  }
  if (layout.rows.length === 0) problems.add(t('registret har en rubrikrad men inga mottagare', 'the register has a header but no recipients'), { file, line: header.line });
  sortByLine(problems);
  problems.throwIfAny('E_RECIPIENTS');
  return { file, recipients, example: layout.comments.some((c) => EXAMPLE_MARK.test(c)), warnings: problems.warnings };
}

/** Reads a recipient register from disk (CSV, or XLSX by its extension or content). */
export function loadRecipients(path: string, label = path, requirements: RecipientRequirements = {}): RecipientRegister {
  const bytes = readInputFile(path, label);
  const ext = extname(path).toLowerCase();
  if ((ext === '.xlsx' || ext === '.xls') && !looksLikeSpreadsheet(bytes)) {
    throw InputError.of(t('filen är ingen XLSX-arbetsbok', 'the file is not an XLSX workbook'), { file: label, hint: t('Spara den i Excel som .xlsx, eller som CSV.', 'Save it in Excel as .xlsx, or as CSV.') }, 'E_RECIPIENTS');
  }
  return parseRecipients(bytes, label, requirements);
}
