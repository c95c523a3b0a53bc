/**
 * What reading a population file gives: the checked table, its rows, the
 * layouts recognised, and the options a reader takes.
 */
import type { Lang, Problem } from '../../models/errors.js';
import type { TextEncoding } from '../decode-text.js';
import type { MunicipalityCodes } from '../municipality-codes.js';

/** One municipality (or county total) read from a population file. */
export interface PopulationRow {
  /** 4-digit kommunkod (2-digit länskod for a county total, `"00"` for the whole country). */
  readonly code: string;
  /** The official name (a near-miss spelling in the file is replaced, with a warning). */
  readonly name: string;
  /** Inhabitants: a safe integer ≥ 0. */
  readonly population: number;
  /** 1-based physical line (CSV) or row (XLSX) in the file; absent for JSON-stat. */
  readonly line?: number;
}

/** The layouts {@link parsePopulation} recognises. */
export type PopulationFormat = 'andel-csv' | 'scb-csv' | 'json-stat2' | 'xlsx';

/** A checked population file. */
export interface PopulationTable {
  /** The file name as given in the options. */
  readonly file: string;
  /** One row per municipality, in file order. Codes are unique and in the official list. */
  readonly rows: readonly PopulationRow[];
  /** County totals (2-digit code) and a national total (`"00"`) found in the file, each checked against the rows. */
  readonly countyTotals: readonly PopulationRow[];
  /** The date the figures refer to (`YYYY-MM-DD`), when the file says. */
  readonly referenceDate?: string;
  /** Things the user should know that did not stop the reading (near-miss names, padded codes). */
  readonly warnings: readonly Problem[];
  /** Which layout the file had. */
  readonly format: PopulationFormat;
  /** How the bytes were decoded (text formats only). */
  readonly encoding?: TextEncoding;
}

/** Options of {@link parsePopulation}. */
export interface PopulationOptions {
  /** The file name used in every message (as the user wrote it). */
  readonly file: string;
  /** The official code list, usually {@link loadMunicipalityCodes}(). */
  readonly codes: MunicipalityCodes;
  /** A county total the municipalities' sum must equal (e.g. from the scheme file). */
  readonly countyTotal?: number;
  /**
   * Which year to read when an SCB export holds several (a column or a
   * JSON-stat time category per year). Without it, several years are refused
   * rather than one guessed.
   */
  readonly year?: string;
  /**
   * The language the caller will show messages in. Problems always carry
   * both languages (`describe(lang)` picks one); this is accepted so that the
   * CLI can pass its options through unchanged.
   */
  readonly lang?: Lang;
}
