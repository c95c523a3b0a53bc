// Preloaded with `node --import` in CLI tests: records every module the
// process resolves into the file named by ANDEL_TRACE_IMPORTS, so a test can
// prove that a command never loads danfojs or puppeteer.
import { register } from 'node:module';

register('./trace-imports-hooks.mjs', import.meta.url, { data: { file: process.env.ANDEL_TRACE_IMPORTS } });
