// Preloaded into each corpus run: records the process's peak resident memory when it exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.HOSTILE_RSS_FILE)
    writeFileSync(process.env.HOSTILE_RSS_FILE, String(process.resourceUsage().maxRSS));
});
