// `node --import ./report-max-rss.mjs …`: writes the process's peak resident set size in KB to stderr at exit,
// as the last line `max-rss-kb N`.
process.on('exit', () => {
  process.stderr.write(`\nmax-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
