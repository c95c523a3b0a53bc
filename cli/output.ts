/**
 * Output files are written whole or not at all: to a temporary file beside
 * the target, flushed, and renamed into place when complete. One writer
 * serves the CLI and the PDF engine alike. A place that cannot be written is
 * an input error (`E_OUTPUT`, exit 2), refused before the work starts where
 * it can be.
 *
 * The format an `--out` file's name asks for is resolved in one place for
 * every command: `resolveOutputFormat` in reports/formats.
 */
export { checkOutputFile, checkOutputFolder, outputError, removeTemporaryFiles, writeFileAtomic } from '../reports/render/atomic-write.js';
