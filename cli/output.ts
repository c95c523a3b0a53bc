/**
 * Output files are written whole or not at all: to a temporary file beside
 * the target, flushed, and renamed into place when complete. One writer
 * serves the CLI and the PDF engine alike.
 */
export { removeTemporaryFiles, writeFileAtomic } from '../reports/render/atomic-write.js';
