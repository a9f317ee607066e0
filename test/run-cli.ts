/**
 * The CLI as a process of its own, from source (for tests that kill it, signal it or run several):
 * `node --import tsx test/run-cli.ts batch …`. Test support; bin/factlens.js does the same from dist/.
 */
import { main } from '../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
