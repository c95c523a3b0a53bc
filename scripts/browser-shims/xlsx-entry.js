// SheetJS for the explorer (dist/explore/xlsx.js): inlined before the engine only in a page whose scheme reads a
// spreadsheet (an XLSX population or user-count file), where the engine's require('xlsx') (data/spreadsheet.ts,
// through the node:module shim, unavailable.js) finds it. With the code pages Node's build of SheetJS loads too, so
// an old XLS file's text reads the same in the page as on the command line.
import * as XLSX from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel.full.mjs';

XLSX.set_cptable(cptable);
globalThis.__andelSheetJs = XLSX;
