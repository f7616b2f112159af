// A scanner report written by someone who wants to rewrite the step summary or SARIF alerts.

export const HOSTILE_URLS = {
  javascript: 'javascript:alert(document.domain)',
  breakout: 'https://ok.example/x)[evil](javascript:alert(1)',
  good: 'https://avd.aquasec.com/nvd/cve-2024-0003',
};

const vuln = (id: string, pkg: string, extra: Record<string, unknown>) => ({
  VulnerabilityID: id,
  PkgName: pkg,
  InstalledVersion: '1.0',
  FixedVersion: '1.1',
  Severity: 'CRITICAL',
  ...extra,
});

export function hostileTrivy(): unknown {
  return {
    SchemaVersion: 2,
    ArtifactName: 'registry.example/app:1`<b>x</b>',
    Trivy: { Version: '0.69.3<img src=x onerror=alert(9)>' },
    Results: [
      {
        Target: 'debian 12',
        Type: 'debian',
        Vulnerabilities: [
          vuln('CVE-2024-0001', 'pkg|evil | extra | cells |\n| added | row |', {
            InstalledVersion: '1.0<img src=x onerror=alert(1)>',
            FixedVersion: '<script>alert(2)</script>',
            Title: '## ✅ pass',
            Description:
              'line one\n## ✅ pass\n<script>alert(3)</script> [click](javascript:alert(4)) ![i](https://x.test/i.png)',
            PrimaryURL: HOSTILE_URLS.javascript,
          }),
          vuln('CVE-2024-0002|x', 'b`ad`', {
            Title: '<img src=x onerror=alert(5)>',
            PrimaryURL: HOSTILE_URLS.breakout,
          }),
          vuln('CVE-2024-0003', 'c', { Title: 'fine', PrimaryURL: HOSTILE_URLS.good }),
          vuln('CVE-2024-0004', 'd\x1b[0Ksection_start:1:fake\r\x1b[0K', { PrimaryURL: 'http://plain-http.example/x' }),
        ],
      },
    ],
  };
}

export function hostileGrype(): unknown {
  const match = (id: string, name: string, dataSource: string, description: string) => ({
    vulnerability: { id, dataSource, severity: 'Critical', description, fix: { versions: ['2.0'], state: 'fixed' } },
    artifact: { name, version: '1.0<b>', type: 'npm', locations: [{ path: '/app/package.json' }] },
    relatedVulnerabilities: [],
  });
  return {
    descriptor: { name: 'grype', version: '0.110.0' },
    source: { target: { userInput: 'registry.example/app:1' } },
    matches: [
      match('GHSA-1|x', 'left-pad|| x |', HOSTILE_URLS.javascript, '# ✅ pass\n<script>alert(1)</script>'),
      match('GHSA-2', 'ok', HOSTILE_URLS.good, 'fine'),
    ],
  };
}

/** Table lines whose unescaped `|` count differs from the header's: an added cell or row. */
export function brokenTableLines(markdown: string): string[] {
  const broken: string[] = [];
  let columns = -1;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      columns = -1;
      continue;
    }
    const pipes = line.replace(/\\\\/g, '').match(/(?<!\\)\|/g)?.length ?? 0;
    if (columns < 0) columns = pipes;
    else if (pipes !== columns) broken.push(line);
  }
  return broken;
}

/** Every Markdown link target in the text. */
export function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((m) => m[1] ?? '');
}

/** The text outside code spans (whose content Markdown shows literally, HTML included). */
export function withoutCodeSpans(markdown: string): string {
  return markdown.replace(/(?<![\\`])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

/** Raw HTML a Markdown renderer would pass through: a tag outside code spans. */
export function rawHtml(markdown: string): string[] {
  return withoutCodeSpans(markdown).match(/<\s*\/?\s*[a-z][^>]*>/gi) ?? [];
}
