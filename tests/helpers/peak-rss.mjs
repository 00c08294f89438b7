// Loaded into a child process (`node --import`) by cliPeak (tests/helpers/cli.ts): as the process
// exits, its peak resident memory (getrusage's maxrss, in bytes) goes into the file the parent named.
import { writeFileSync } from 'node:fs';

const file = process.env.ANXUE_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
