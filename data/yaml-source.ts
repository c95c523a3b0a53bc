/**
 * The part every YAML input of andel shares (scheme files, scenario files):
 * parsing with line numbers, syntax errors as one InputError that lists
 * each with its line and column, and zod validation with messages in both
 * Swedish and English.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { InputError, t } from '../models/errors.js';

/** A parsed YAML document with what is needed to point back into its text. */
export interface YamlSource {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  /** The document as plain data. */
  readonly data: unknown;
}

/**
 * Parses YAML (JSON is YAML too). Duplicate keys and syntax errors are
 * reported all at once, each with its line and column.
 */
export function parseYamlSource(text: string, file: string, code: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          message: t(`ogiltig YAML: ${e.message.split('\n')[0]}`, `invalid YAML: ${e.message.split('\n')[0]}`),
          hint: t('Rätta syntaxen (indrag, kolon, citattecken) och försök igen.', 'Fix the syntax (indentation, colons, quotes) and try again.'),
        };
      }),
      { code },
    );
  }
  return { doc, lineCounter, data: doc.toJS() };
}

/** One validation issue with its English message beside zod's Swedish one. */
export interface BilingualIssue {
  readonly issue: z.core.$ZodIssue;
  readonly en: string;
}

/** Validates `data`: the parsed value, or every issue in Swedish and English. */
export function validateBilingual<T>(schema: z.ZodType<T>, data: unknown): { ok: true; data: T } | { ok: false; issues: BilingualIssue[] } {
  const sv = schema.safeParse(data, { error: z.locales.sv().localeError });
  if (sv.success) return { ok: true, data: sv.data };
  const en = schema.safeParse(data, { error: z.locales.en().localeError });
  const enIssues = en.success ? [] : en.error.issues;
  return { ok: false, issues: sv.error.issues.map((issue, k) => ({ issue, en: enIssues[k]?.message ?? issue.message })) };
}
