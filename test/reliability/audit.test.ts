// `npm audit --omit=dev`: the runtime dependency tree has no known advisory, or each advisory is
// justified by id in the README's "Security" section. Skipped (failed in CI) when the npm registry
// cannot be reached. That dist/ is reproducible is .ci/run's "generated files are committed" check.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { skipIfMissing } from '../support/requirements';
import { REPO_ROOT } from '../support/run';

interface AuditReport {
  error?: { code?: string; summary?: string };
  vulnerabilities?: Record<string, { via: (string | { source?: number; url?: string; title?: string })[] }>;
}

/** The README's "Security" section (up to the next heading of the same or a higher level). */
function securityNotes(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const m = /^(#{1,6}) Security\b.*$/m.exec(readme);
  if (!m?.[1]) return '';
  const rest = readme.slice(m.index + m[0].length);
  const next = new RegExp(`^#{1,${m[1].length}} `, 'm').exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

/** Advisory ids (GHSA-… from the advisory URL, else the numeric source) of every finding. */
function advisories(report: AuditReport): { pkg: string; id: string; title: string }[] {
  const found: { pkg: string; id: string; title: string }[] = [];
  for (const [pkg, v] of Object.entries(report.vulnerabilities ?? {})) {
    for (const via of v.via) {
      if (typeof via === 'string') continue; // a dependency path; its own entry carries the advisory
      const ghsa = via.url ? /GHSA-[\w-]+/.exec(via.url)?.[0] : undefined;
      found.push({ pkg, id: ghsa ?? String(via.source ?? 'unknown'), title: via.title ?? '' });
    }
  }
  return found;
}

test('npm audit --omit=dev: no runtime advisory, or each one justified in the README', { timeout: 120_000 }, (t) => {
  const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, npm_config_audit_level: 'info', npm_config_fund: 'false' },
  });
  let report: AuditReport;
  try {
    report = JSON.parse(r.stdout || '{}') as AuditReport;
  } catch {
    report = { error: { summary: `unparsable output: ${r.stdout.slice(0, 200)}` } };
  }
  const unreachable =
    r.error || report.error
      ? `the npm registry cannot be reached (${r.error?.message ?? report.error?.code ?? report.error?.summary})`
      : undefined;
  if (skipIfMissing(t, unreachable)) return;
  const notes = securityNotes();
  const unjustified = advisories(report).filter((a) => !notes.includes(a.id));
  assert.deepEqual(unjustified, [], 'advisories not justified in the README "Security" section');
});

test('the Security-notes reader finds justifications (so the audit test can fail)', () => {
  const report: AuditReport = {
    vulnerabilities: {
      x: { via: [{ source: 1, url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc', title: 't' }, 'y'] },
    },
  };
  assert.deepEqual(advisories(report), [{ pkg: 'x', id: 'GHSA-aaaa-bbbb-cccc', title: 't' }]);
});
