// Run by the build (exec-maven-plugin, generate-test-resources): installs the pinned SDKs with
// `npm ci` unless node_modules already holds exactly what package-lock.json names, so a build with
// the packages in place costs a few milliseconds and never touches the network.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lockPath = join(here, 'package-lock.json');
const installedPath = join(here, 'node_modules', '.package-lock.json');

function installed() {
  if (!existsSync(installedPath)) return false;
  const wanted = JSON.parse(readFileSync(lockPath, 'utf8')).packages;
  const have = JSON.parse(readFileSync(installedPath, 'utf8')).packages ?? {};
  return Object.entries(wanted)
    .filter(([path]) => path !== '')
    .every(([path, pkg]) => have[path]?.version === pkg.version && have[path]?.integrity === pkg.integrity);
}

if (installed()) {
  console.log(`npm packages in ${join(here, 'node_modules')} match package-lock.json`);
} else {
  console.log(`installing npm packages in ${here} (npm ci)`);
  const windows = process.platform === 'win32';
  execFileSync(windows ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: here,
    stdio: 'inherit',
    shell: windows,
  });
}
