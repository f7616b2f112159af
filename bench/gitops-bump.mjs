// Bump one image in 50 overlays of a generated 5,000-file GitOps repo, one run and one commit, against
// (a) the per-file shell loop users write today (Debian's `yq`, invoked once per file, then commit + push)
// and (b) a bare read + parse of the same 50 files. Wall times and ratios are printed; nothing is asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { peakRss, report, runCount, sampleCommand } from './lib.mjs';

const runs = runCount(5, 3);
const image = 'registry.example.com/team/web';
const work = mkdtempSync(join(tmpdir(), 'cdpack-bench-'));
const seed = join(work, 'seed');
const remote = join(work, 'gitops.git');
const git = (cwd, ...args) => execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

function write(path, text) {
  mkdirSync(join(seed, path, '..'), { recursive: true });
  writeFileSync(join(seed, path), text);
}

// 990 apps × 5 files + 50 regional overlays of `web` = 5,000 files.
for (let i = 0; i < 990; i++) {
  const app = `app-${String(i).padStart(4, '0')}`;
  const img = `registry.example.com/team/${app}`;
  write(`apps/${app}/base/kustomization.yaml`, 'resources:\n  - deployment.yaml\n  - service.yaml\n');
  write(
    `apps/${app}/base/deployment.yaml`,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          image: ${img}:1.0.0\n`,
  );
  write(
    `apps/${app}/base/service.yaml`,
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\nspec:\n  ports:\n    - port: 80\n`,
  );
  for (const env of ['dev', 'prod']) {
    write(
      `apps/${app}/overlays/${env}/kustomization.yaml`,
      `# ${env} overlay\nresources:\n  - ../../base\nimages:\n  - name: ${img}\n    newTag: "1.0.0" # set by CI\n`,
    );
  }
}
const overlays = [];
for (let i = 0; i < 50; i++) {
  const path = `apps/web/overlays/region-${String(i).padStart(2, '0')}/kustomization.yaml`;
  overlays.push(path);
  write(
    path,
    `# region ${i}\nresources:\n  - ../../base\nimages:\n  - name: ${image}\n    newTag: "1.0.0" # set by CI\n`,
  );
}
git(work, 'init', '-q', '--bare', '--initial-branch=main', remote);
git(seed, 'init', '-q', '--initial-branch=main');
git(seed, 'add', '.');
git(seed, '-c', 'user.name=b', '-c', 'user.email=b@x', 'commit', '-qm', 'seed');
git(seed, 'push', '-q', remote, 'main');
const files = Number(execFileSync('git', ['ls-files'], { cwd: seed }).toString().trim().split('\n').length);

const cdpack = sampleCommand(
  'cdpack',
  process.execPath,
  (i) => [
    'dist/cli/index.js',
    'update-gitops-tag',
    '--repository',
    remote,
    '--files',
    'apps/web/overlays/*/kustomization.yaml',
    '--image',
    image,
    '--tag',
    `2.0.${i}`,
  ],
  { runs, env: { CDPACK_TEMP: work } },
);

// What users write today: clone, one yq process per file, commit, push.
const loop = `set -e
dir=$(mktemp -d -p "$WORK"); git clone -q --depth 1 "$REMOTE" "$dir"; cd "$dir"
for f in apps/web/overlays/*/kustomization.yaml; do
  yq -y -i --arg t "$TAG" '(.images[] | select(.name == "${image}") | .newTag) = $t' "$f"
done
git -c user.name=b -c user.email=b@x commit -qam "bump $TAG"; git push -q origin HEAD:main; rm -rf "$dir"`;
const yqLoop = sampleCommand('yq loop', 'bash', ['-c', loop], {
  runs,
  before: (i) => {
    process.env.TAG = `3.0.${i}`;
  },
  env: { WORK: work, REMOTE: remote },
});

// The floor for the edit itself: read and parse the same 50 files, in process. The two loops alternate
// (after a warm-up) so neither gets the JIT's warm code for free.
const { editFile } = await import('../src/core/gitops/edit.ts');
const parseOnce = () => {
  for (const f of overlays) parseAllDocuments(readFileSync(join(seed, f), 'utf8'));
};
const editOnce = () => {
  for (const f of overlays) {
    editFile(
      { path: f, text: readFileSync(join(seed, f), 'utf8'), explicit: false },
      { image, tag: '9.9.9', digest: undefined, key: undefined },
    );
  }
};
const timed = (fn) => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
for (let r = 0; r < 10; r++) {
  parseOnce();
  editOnce();
}
const parseTimes = [];
const editTimes = [];
for (let r = 0; r < 30; r++) {
  parseTimes.push(timed(parseOnce));
  editTimes.push(timed(editOnce));
}

report(
  `Bump ${image} in 50 overlays of a ${files}-file repo: whole run incl. clone, commit, push (median of ${runs})`,
  [
    { name: 'cdpack update-gitops-tag (1 process, 1 commit)', samples: cdpack },
    { name: 'bash loop: yq -y -i per file + commit + push', samples: yqLoop },
  ],
  'bash loop: yq -y -i per file + commit + push',
);
report(
  'The edit alone, in process (median of 30, alternating, after warm-up)',
  [
    { name: 'cdpack editFile × 50 (read + parse + edit)', samples: editTimes },
    { name: 'bare read + yaml.parseAllDocuments × 50', samples: parseTimes },
  ],
  'bare read + yaml.parseAllDocuments × 50',
);
// Peak memory (RSS) of one bump of the 5,000-file repo, against bare node and against the largest process of the
// shell loop (one yq on one overlay), each read by GNU time in the same run.
const rssCdpack = peakRss(
  process.execPath,
  [
    'dist/cli/index.js',
    'update-gitops-tag',
    '--repository',
    remote,
    '--files',
    'apps/web/overlays/*/kustomization.yaml',
    '--image',
    image,
    '--tag',
    '4.0.0',
  ],
  { env: { CDPACK_TEMP: work } },
);
if (rssCdpack === undefined) console.log('\nPeak RSS: skipped (/usr/bin/time missing)');
else {
  const rssNode = peakRss(process.execPath, ['-e', '0']);
  const rssYq = peakRss('yq', ['-y', '.', join(seed, overlays[0])]);
  const rssGit = peakRss('git', ['clone', '-q', '--depth', '1', remote, join(work, 'rss-clone')]);
  console.log(`\nPeak RSS of one bump of the ${files}-file repo (GNU time, one run each)`);
  for (const [name, kb] of [
    ['cdpack update-gitops-tag', rssCdpack],
    ['node -e 0', rssNode],
    ['yq -y on one overlay (the loop, per file)', rssYq],
    ['git clone --depth 1 of the repo', rssGit],
  ]) {
    console.log(
      `  ${name.padEnd(48)} ${(kb / 1024).toFixed(1).padStart(7)} MB   ×${(kb / rssNode).toFixed(2)} vs node -e 0`,
    );
  }
}

const check = spawnSync('git', ['--git-dir', remote, 'rev-list', '--count', 'main'], { encoding: 'utf8' });
console.log(`\n(remote has ${check.stdout.trim()} commits: 1 seed + ${runs} cdpack + ${runs} yq-loop + 1 for RSS)`);
rmSync(work, { recursive: true, force: true });
