/**
 * Preloaded into a benchmarked process (`node --import dist/bench/max-rss.js
 * bin/andel.js …`): at exit, prints the process's peak resident memory, all
 * its threads included, on stderr, as the numpy peer prints its own.
 */
process.on('exit', () => {
  process.stderr.write(`\nandel-bench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
