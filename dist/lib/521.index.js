export const id = 521;
export const ids = [521];
export const modules = {

/***/ 3521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IGNORE_FILE_SIZE_LIMIT: () => (/* binding */ IGNORE_FILE_SIZE_LIMIT),
  REPORT_SIZE_LIMIT: () => (/* binding */ REPORT_SIZE_LIMIT),
  runScan: () => (/* binding */ runScan),
  scanAction: () => (/* binding */ scanAction)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/text/control.ts
var control = __webpack_require__(5778);
;// CONCATENATED MODULE: ./src/core/scan/allowlist.ts



/** A problem in the ignore file, with the line it is on. */
class IgnoreFileError extends errors/* CdpackError */.xd {
    line;
    name = 'IgnoreFileError';
    constructor(line, detail) {
        super(`${line ? `line ${line}: ` : ''}${detail}`);
        this.line = line;
    }
}
const KEYS = new Set(['id', 'package', 'reason', 'expires']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Parses an ignore file: a YAML list of `{id, package?, reason, expires?}` or a plain
 * `.trivyignore` (one id per line, optional `exp:YYYY-MM-DD`, the `#` comment lines just above
 * an id are its reason). Returns the entries and warnings (e.g. plain entries without a reason).
 */
function parseIgnoreFile(text) {
    const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? '';
    return /^\s*-(\s|$)/.test(firstLine) ? parseYamlList(text) : parsePlain(text);
}
function parseYamlList(text) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false });
    const lineOf = (offset) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
    const firstError = doc.errors[0];
    if (firstError) {
        throw new IgnoreFileError(lineOf(firstError.pos[0]), `invalid YAML: ${(0,control/* excerpt */.Kb)(firstError.message, 120)}`);
    }
    if (!(0,dist/* isSeq */.oP)(doc.contents)) {
        throw new IgnoreFileError(undefined, 'expected a YAML list of {id, package?, reason, expires?} entries');
    }
    const entries = [];
    for (const item of doc.contents.items) {
        const line = lineOf((0,dist/* isMap */.jh)(item) || (0,dist/* isScalar */.jn)(item) ? item.range?.[0] : undefined) ?? 0;
        if (!(0,dist/* isMap */.jh)(item))
            throw new IgnoreFileError(line, 'each entry must be a mapping with id and reason');
        const fields = {};
        for (const pair of item.items) {
            const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : '';
            if (!KEYS.has(key)) {
                throw new IgnoreFileError(line, `unknown key '${(0,control/* excerpt */.Kb)(key)}' (known: id, package, reason, expires)`);
            }
            fields[key] = (0,dist/* isScalar */.jn)(pair.value) ? pair.value.value : pair.value;
        }
        const id = text1(fields.id);
        if (!id)
            throw new IgnoreFileError(line, 'entry has no id');
        const reason = text1(fields.reason);
        if (!reason)
            throw new IgnoreFileError(line, `entry ${(0,control/* excerpt */.Kb)(id)} has no reason: say why it is accepted`);
        const pkg = fields.package === undefined || fields.package === null ? undefined : text1(fields.package);
        if (pkg === '')
            throw new IgnoreFileError(line, `entry ${(0,control/* excerpt */.Kb)(id)}: package must be a package name`);
        const expires = parseExpires(fields.expires, line, id);
        entries.push({ id, ...(pkg ? { package: pkg } : {}), reason, ...(expires ? { expires } : {}), line });
    }
    return { entries, warnings: [] };
}
function text1(value) {
    if (typeof value === 'string')
        return value.trim();
    if (typeof value === 'number')
        return String(value);
    return '';
}
function parseExpires(value, line, id) {
    if (value === undefined || value === null || value === '')
        return undefined;
    const v = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
    if (!DATE.test(v) ||
        Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
        new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
        throw new IgnoreFileError(line, `entry ${(0,control/* excerpt */.Kb)(id)}: expires '${(0,control/* excerpt */.Kb)(v, 20)}' is not a date (YYYY-MM-DD)`);
    }
    return v;
}
function parsePlain(text) {
    const entries = [];
    const warnings = [];
    let comment = [];
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = index + 1;
        const trimmed = raw.trim();
        if (trimmed === '') {
            comment = [];
            return;
        }
        if (trimmed.startsWith('#')) {
            comment.push(trimmed.replace(/^#+\s*/, ''));
            return;
        }
        const m = /^([A-Za-z0-9][\w.:/-]*)(?:\s+exp:(\S+))?\s*$/.exec(trimmed);
        if (!m?.[1]) {
            // Before the first entry, this may be any file at all (a symlink, a wrong path): quote none of it.
            const what = entries.length ? `'${(0,control/* excerpt */.Kb)(trimmed)}' is` : 'this is';
            throw new IgnoreFileError(line, `${what} not a vulnerability id (optionally followed by exp:YYYY-MM-DD)${entries.length ? '' : '; is this an ignore file?'}`);
        }
        const expires = m[2] ? parseExpires(m[2], line, m[1]) : undefined;
        const reason = comment.filter(Boolean).join(' ');
        if (!reason)
            warnings.push(`line ${line}: ${m[1]} has no reason (add a # comment line above it)`);
        entries.push({ id: m[1], reason: reason || '(no reason given)', ...(expires ? { expires } : {}), line });
        comment = [];
    });
    return { entries, warnings };
}

;// CONCATENATED MODULE: ./src/core/scan/severity.ts
/** The five severities every scanner's ratings are mapped onto, most severe first. */
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'];
const THRESHOLDS = (/* unused pure expression or super */ null && (['critical', 'high', 'medium', 'low', 'none']));
const rank = { critical: 4, high: 3, medium: 2, low: 1, unknown: 0 };
/** Higher is more severe; `unknown` ranks below `low`. */
function severityRank(severity) {
    return rank[severity];
}
/**
 * Whether a finding of this severity trips the gate. `unknown` never does: a threshold names a
 * known severity and an unrated finding is not known to reach it.
 */
function atOrAbove(severity, threshold) {
    if (threshold === 'none' || severity === 'unknown')
        return false;
    return rank[severity] >= rank[threshold];
}
function mostSevere(a, b) {
    return rank[a] >= rank[b] ? a : b;
}
/** Trivy: UNKNOWN/LOW/MEDIUM/HIGH/CRITICAL. Grype: Negligible/Low/Medium/High/Critical/Unknown. */
function parseScannerSeverity(value) {
    const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (v === 'critical' || v === 'high' || v === 'medium' || v === 'low')
        return v;
    if (v === 'negligible')
        return 'low';
    return 'unknown';
}
function severityLabel(severity) {
    return severity.toUpperCase();
}

;// CONCATENATED MODULE: ./src/core/scan/gate.ts

function entryMatches(entry, finding) {
    const id = entry.id.toUpperCase();
    const idMatches = finding.id.toUpperCase() === id || finding.aliases.some((a) => a.toUpperCase() === id);
    return idMatches && (entry.package === undefined || entry.package === finding.package);
}
function isExpired(entry, today) {
    return entry.expires !== undefined && entry.expires < today;
}
/** The gate: computed from the normalised findings only. */
function evaluate(findings, policy) {
    const expired = policy.allowlist.filter((e) => isExpired(e, policy.today));
    const active = policy.allowlist.filter((e) => !isExpired(e, policy.today));
    const used = new Set();
    const evaluated = findings.map((finding) => {
        const entry = active.find((e) => entryMatches(e, finding));
        if (entry) {
            used.add(entry);
            return { finding, status: 'allowlisted', entry };
        }
        if (policy.ignoreUnfixed && !finding.fixedVersion)
            return { finding, status: 'unfixed' };
        return { finding, status: atOrAbove(finding.severity, policy.threshold) ? 'gating' : 'below-threshold' };
    });
    evaluated.sort(compareEvaluated);
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
    let allowlisted = 0;
    let unfixedIgnored = 0;
    let gating = 0;
    for (const e of evaluated) {
        if (e.status === 'allowlisted')
            allowlisted++;
        else if (e.status === 'unfixed')
            unfixedIgnored++;
        else
            counts[e.finding.severity]++;
        if (e.status === 'gating')
            gating++;
    }
    return {
        policy,
        findings: evaluated,
        counts,
        suppressed: allowlisted + unfixedIgnored,
        allowlisted,
        unfixedIgnored,
        gating,
        verdict: gating > 0 ? 'fail' : 'pass',
        expired,
        stale: active.filter((e) => !used.has(e)),
    };
}
const statusOrder = { gating: 0, 'below-threshold': 1, allowlisted: 2, unfixed: 3 };
function isSuppressed(e) {
    return e.status === 'allowlisted' || e.status === 'unfixed';
}
function compareEvaluated(a, b) {
    return (severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
        statusOrder[a.status] - statusOrder[b.status] ||
        a.finding.id.localeCompare(b.finding.id) ||
        a.finding.package.localeCompare(b.finding.package) ||
        a.finding.installedVersion.localeCompare(b.finding.installedVersion));
}
/** Human words for a status, used by the reports and the summary. */
function describeStatus(e, threshold) {
    switch (e.status) {
        case 'gating':
            return `fails the gate (${e.finding.severity} is at or above the threshold ${threshold})`;
        case 'below-threshold':
            return threshold === 'none'
                ? 'reported only (severity-threshold is none)'
                : `reported only (below the threshold ${threshold})`;
        case 'allowlisted':
            return `suppressed by ignore-file: ${e.entry?.reason ?? ''}${e.entry?.expires ? ` (until ${e.entry.expires})` : ''}`;
        case 'unfixed':
            return 'suppressed: no fixed version yet (ignore-unfixed)';
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/core/image/reference.ts
var reference = __webpack_require__(7600);
;// CONCATENATED MODULE: ./src/core/scan/scan-target.ts

const SCANNER_INFO = {
    trivy: { title: 'Trivy', vendor: 'Aqua Security', url: 'https://github.com/aquasecurity/trivy' },
    grype: { title: 'Grype', vendor: 'Anchore', url: 'https://github.com/anchore/grype' },
};
/** `registry.example.com:5000/team/web:1.2@sha256:…` → `registry.example.com:5000/team/web`. */
function imageRepository(image) {
    return (0,reference/* splitImage */.s5)(image).name;
}

;// CONCATENATED MODULE: ./src/core/scan/gitlab-report.ts



/** The security-report-schemas version the report follows (validated against it in the tests). */
const GITLAB_REPORT_VERSION = '15.2.4';
const SEVERITY = {
    critical: 'Critical',
    high: 'High',
    medium: 'Medium',
    low: 'Low',
    unknown: 'Unknown',
};
/**
 * A GitLab container-scanning report (`artifacts:reports:container_scanning`). It carries every
 * finding: the schema has no "accepted" state, so allowlisted ones get the only flag it offers
 * and every finding's `details` say what the gate decided for it.
 */
function buildGitlabReport(evaluation, target, meta) {
    const info = SCANNER_INFO[target.scanner.name];
    const threshold = evaluation.policy.threshold;
    const vulnerabilities = evaluation.findings.map((e) => {
        const f = e.finding;
        const link = /^https?:\/\//.test(f.primaryUrl) ? f.primaryUrl : undefined;
        const solution = f.fixedVersion
            ? `Upgrade ${f.package} to ${f.fixedVersion}`
            : 'No fixed version is available yet.';
        return {
            id: uuidFrom(`${imageRepository(target.image)}\n${f.id}\n${f.package}\n${f.installedVersion}`),
            name: clip(f.title || `${f.id} in ${f.package}`, 255),
            description: clip(f.description || f.title || f.id, 1_048_576),
            severity: SEVERITY[f.severity],
            solution: clip(solution, 7000),
            identifiers: [f.id, ...f.aliases].map((id, i) => ({
                type: identifierType(id),
                name: id,
                value: id,
                ...(i === 0 && link ? { url: link } : {}),
            })),
            links: [...new Set(f.references)].filter((u) => /^(https?|ftp):\/\/.+/.test(u)).map((url) => ({ url })),
            location: {
                dependency: { package: { name: f.package }, version: f.installedVersion },
                operating_system: target.os || 'unknown',
                image: target.image,
            },
            details: {
                gate: { type: 'text', name: 'cdpack gate', value: describeStatus(e, threshold) },
                targets: {
                    type: 'list',
                    name: 'Found in',
                    items: f.locations.map((l) => ({
                        type: 'text',
                        value: l.layer ? `${l.target} (layer ${l.layer})` : l.target,
                    })),
                },
            },
            ...(e.status === 'allowlisted'
                ? {
                    flags: [
                        {
                            type: 'flagged-as-likely-false-positive',
                            origin: 'cdpack ignore-file',
                            description: `Accepted: ${e.entry?.reason ?? ''}${e.entry?.expires ? ` (until ${e.entry.expires})` : ''}`,
                        },
                    ],
                }
                : {}),
        };
    });
    const scanner = {
        id: target.scanner.name,
        name: info.title,
        url: info.url,
        vendor: { name: info.vendor },
        version: target.scanner.version || 'unknown',
    };
    const messages = [
        ...evaluation.expired.map((e) => ({
            level: 'warn',
            value: `ignore-file entry ${e.id}${e.package ? ` (${e.package})` : ''} expired on ${e.expires}; it no longer suppresses anything`,
        })),
        ...evaluation.stale.map((e) => ({
            level: 'info',
            value: `ignore-file entry ${e.id}${e.package ? ` (${e.package})` : ''} matches no finding (stale)`,
        })),
    ];
    const report = {
        version: GITLAB_REPORT_VERSION,
        schema: `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_REPORT_VERSION}/dist/container-scanning-report-format.json`,
        scan: {
            analyzer: {
                id: 'cdpack-scan',
                name: 'cdpack scan',
                vendor: { name: 'cdpack' },
                version: meta.analyzerVersion,
            },
            scanner,
            type: 'container_scanning',
            start_time: gitlabTime(meta.startTime),
            end_time: gitlabTime(meta.endTime),
            status: 'success',
            ...(messages.length ? { messages } : {}),
        },
        vulnerabilities,
        remediations: [],
    };
    return `${JSON.stringify(report, null, 2)}\n`;
}
/** `yyyy-mm-ddThh:mm:ss` in UTC, as the schema's pattern requires. */
function gitlabTime(date) {
    return date.toISOString().slice(0, 19);
}
function identifierType(id) {
    const prefix = /^([A-Za-z]+)-/.exec(id)?.[1];
    return prefix ? prefix.toLowerCase() : 'advisory';
}
/** A stable UUID-shaped id from a key, so the same finding keeps its id across pipelines. */
function uuidFrom(key) {
    const h = (0,external_node_crypto_.createHash)('sha256').update(key).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
function clip(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

;// CONCATENATED MODULE: ./src/core/scan/finding.ts

/** The counting rule: one finding per (id, package, installed version). */
function findingKey(f) {
    return `${f.id}\u0000${f.package}\u0000${f.installedVersion}`;
}
/**
 * Merges duplicate findings (same key): keeps every location, the most severe rating, the
 * first known fix and the highest CVSS score. Order of first appearance is kept.
 */
function dedupeFindings(findings) {
    const byKey = new Map();
    for (const f of findings) {
        const key = findingKey(f);
        const seen = byKey.get(key);
        if (!seen) {
            byKey.set(key, { ...f, aliases: [...f.aliases], references: [...f.references], locations: [...f.locations] });
            continue;
        }
        seen.severity = mostSevere(seen.severity, f.severity);
        if (!seen.fixedVersion && f.fixedVersion)
            seen.fixedVersion = f.fixedVersion;
        if (f.cvssScore !== undefined && (seen.cvssScore === undefined || f.cvssScore > seen.cvssScore)) {
            seen.cvssScore = f.cvssScore;
        }
        for (const field of ['title', 'description', 'primaryUrl', 'packageType']) {
            if (!seen[field] && f[field])
                seen[field] = f[field];
        }
        for (const a of f.aliases)
            if (!seen.aliases.includes(a))
                seen.aliases.push(a);
        for (const r of f.references)
            if (!seen.references.includes(r))
                seen.references.push(r);
        for (const l of f.locations) {
            if (!seen.locations.some((s) => s.target === l.target && s.layer === l.layer))
                seen.locations.push(l);
        }
    }
    return [...byKey.values()];
}

;// CONCATENATED MODULE: ./src/core/scan/report-error.ts

/** A scanner report that cannot be read: not JSON, not Trivy/Grype, or a format we do not support. */
class ReportFormatError extends errors/* CdpackError */.xd {
    name = 'ReportFormatError';
}

;// CONCATENATED MODULE: ./src/core/scan/grype-report.ts



const str = (v) => (typeof v === 'string' ? v : '');
const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const arr = (v) => (Array.isArray(v) ? v : []);
/** A Grype JSON report (`grype -o json`): `matches[]` with `vulnerability` and `artifact`. */
function isGrypeReport(doc) {
    const root = obj(doc);
    return Array.isArray(root.matches) && (str(obj(root.descriptor).name) === 'grype' || 'source' in root);
}
function normaliseGrype(doc) {
    const root = obj(doc);
    const raw = [];
    for (const match of arr(root.matches)) {
        const m = obj(match);
        const v = obj(m.vulnerability);
        const a = obj(m.artifact);
        const id = str(v.id);
        const pkg = str(a.name);
        if (!id || !pkg)
            throw new ReportFormatError('Grype JSON: a match has no vulnerability.id or artifact.name');
        const related = arr(m.relatedVulnerabilities).map(obj);
        const urls = [...arr(v.urls), ...arr(v.links)].map(str).filter(Boolean);
        // Grype only lists fixed versions when the fix state is "fixed".
        const fixVersions = arr(obj(v.fix).versions).map(str).filter(Boolean);
        const description = str(v.description) || related.map((r) => str(r.description)).find(Boolean) || '';
        const locations = arr(a.locations)
            .map(obj)
            .map((l) => ({ target: str(l.path), ...(str(l.layerID) ? { layer: str(l.layerID) } : {}) }))
            .filter((l) => l.target);
        raw.push({
            id,
            aliases: related.map((r) => str(r.id)).filter((r) => r && r !== id),
            package: pkg,
            installedVersion: str(a.version),
            fixedVersion: fixVersions.join(', '),
            severity: parseScannerSeverity(v.severity),
            cvssScore: grypeCvss([v, ...related]),
            title: '',
            description,
            primaryUrl: str(v.dataSource) || urls[0] || '',
            references: urls,
            packageType: str(a.type),
            locations: locations.length ? locations : [{ target: pkg }],
        });
    }
    const source = obj(root.source);
    const target = source.target;
    const distro = obj(root.distro);
    return {
        scanner: { name: 'grype', version: str(obj(root.descriptor).version) },
        artifact: typeof target === 'string' ? target : str(obj(target).userInput),
        os: [str(distro.name), str(distro.version)].filter(Boolean).join(' '),
        findings: dedupeFindings(raw),
        rawCount: raw.length,
        notes: [],
    };
}
/** Highest CVSS base score (v3 preferred) of the match and its related records. */
function grypeCvss(records) {
    const v3 = [];
    const v2 = [];
    for (const r of records) {
        for (const c of arr(r.cvss).map(obj)) {
            const score = obj(c.metrics).baseScore;
            if (typeof score !== 'number')
                continue;
            (str(c.version).startsWith('2') ? v2 : v3).push(score);
        }
        // Grype before 0.10 wrote cvssV2 / cvssV3 objects.
        const old3 = obj(r.cvssV3).baseScore;
        const old2 = obj(r.cvssV2).baseScore;
        if (typeof old3 === 'number')
            v3.push(old3);
        if (typeof old2 === 'number')
            v2.push(old2);
    }
    if (v3.length)
        return Math.max(...v3);
    return v2.length ? Math.max(...v2) : undefined;
}

;// CONCATENATED MODULE: ./src/core/scan/trivy-report.ts




const trivy_report_str = (v) => (typeof v === 'string' ? v : '');
const trivy_report_obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const trivy_report_arr = (v) => (Array.isArray(v) ? v : []);
/** A Trivy JSON report, schema version 2 (Trivy 0.20 and later): `Results[].Vulnerabilities[]`. */
function isTrivyReport(doc) {
    return trivy_report_obj(doc).SchemaVersion !== undefined && ('Results' in trivy_report_obj(doc) || 'ArtifactName' in trivy_report_obj(doc));
}
function normaliseTrivy(doc) {
    const root = trivy_report_obj(doc);
    if (root.SchemaVersion !== 2) {
        throw new ReportFormatError(`Trivy JSON schema version ${(0,control/* excerpt */.Kb)(JSON.stringify(root.SchemaVersion) ?? '', 20)} is not supported (expected 2)`);
    }
    if (root.Results !== undefined && root.Results !== null && !Array.isArray(root.Results)) {
        throw new ReportFormatError('Trivy JSON: Results is not a list');
    }
    const raw = [];
    const notes = [];
    let misconfigurations = 0;
    let secrets = 0;
    for (const result of trivy_report_arr(root.Results)) {
        const r = trivy_report_obj(result);
        misconfigurations += trivy_report_arr(r.Misconfigurations).length;
        secrets += trivy_report_arr(r.Secrets).length;
        for (const vuln of trivy_report_arr(r.Vulnerabilities)) {
            const v = trivy_report_obj(vuln);
            const id = trivy_report_str(v.VulnerabilityID);
            const pkg = trivy_report_str(v.PkgName);
            if (!id || !pkg)
                throw new ReportFormatError('Trivy JSON: a vulnerability has no VulnerabilityID or PkgName');
            const layer = trivy_report_obj(v.Layer);
            const refs = trivy_report_arr(v.References).map(trivy_report_str).filter(Boolean);
            raw.push({
                id,
                aliases: [],
                package: pkg,
                installedVersion: trivy_report_str(v.InstalledVersion),
                fixedVersion: trivy_report_str(v.FixedVersion),
                severity: parseScannerSeverity(v.Severity),
                cvssScore: trivyCvss(v.CVSS),
                title: trivy_report_str(v.Title),
                description: trivy_report_str(v.Description),
                primaryUrl: trivy_report_str(v.PrimaryURL) || refs[0] || '',
                references: refs,
                packageType: trivy_report_str(r.Type),
                locations: [
                    {
                        target: trivy_report_str(v.PkgPath) || trivy_report_str(r.Target),
                        ...(trivy_report_str(layer.DiffID) || trivy_report_str(layer.Digest) ? { layer: trivy_report_str(layer.DiffID) || trivy_report_str(layer.Digest) } : {}),
                    },
                ],
            });
        }
    }
    if (misconfigurations)
        notes.push(`${misconfigurations} misconfiguration(s) in the report are not evaluated`);
    if (secrets)
        notes.push(`${secrets} secret(s) in the report are not evaluated`);
    const osInfo = trivy_report_obj(trivy_report_obj(root.Metadata).OS);
    return {
        scanner: { name: 'trivy', version: trivy_report_str(trivy_report_obj(root.Trivy).Version) },
        artifact: trivy_report_str(root.ArtifactName),
        os: [trivy_report_str(osInfo.Family), trivy_report_str(osInfo.Name)].filter(Boolean).join(' '),
        findings: dedupeFindings(raw),
        rawCount: raw.length,
        notes,
    };
}
/** Highest CVSS v3 base score over the sources, else the highest v2 score. */
function trivyCvss(value) {
    const sources = Object.values(trivy_report_obj(value)).map(trivy_report_obj);
    const best = (field) => {
        const scores = sources.map((s) => s[field]).filter((n) => typeof n === 'number');
        return scores.length ? Math.max(...scores) : undefined;
    };
    return best('V3Score') ?? best('V2Score');
}

;// CONCATENATED MODULE: ./src/core/scan/report.ts



/**
 * Reads a Trivy (schema 2) or Grype JSON report, detecting which from its shape.
 * Throws ReportFormatError with a message that says what was found and what is expected.
 */
function parseReport(text) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (error) {
        // The parser's message quotes the text around the error; for a file that is not a report at
        // all (a symlink to the runner's environment, a credentials file) that would print it.
        throw new ReportFormatError(`not valid JSON${jsonErrorPlace(text, error.message)}`);
    }
    if (Array.isArray(doc)) {
        throw new ReportFormatError('this is a legacy Trivy report (a top-level list, written by Trivy before v0.20); produce one with a current Trivy: trivy image --format json');
    }
    if (isTrivyReport(doc))
        return normaliseTrivy(doc);
    if (isGrypeReport(doc))
        return normaliseGrype(doc);
    throw new ReportFormatError('not a Trivy or Grype JSON report (expected Trivy `SchemaVersion: 2` with `Results`, or Grype `matches`)');
}
/** ` (line L, column C)` from the parser's `position N`, when it gives one; never any of the text. */
function jsonErrorPlace(text, message) {
    if (/end of JSON input/i.test(message))
        return ' (it ends early)';
    const position = /position (\d+)/.exec(message)?.[1];
    if (position === undefined)
        return '';
    const before = text.slice(0, Number(position));
    const line = before.split('\n').length;
    return ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/core/text/markdown.ts
var markdown = __webpack_require__(8970);
;// CONCATENATED MODULE: ./src/core/scan/sarif.ts






const GITHUB_SARIF_LIMITS = { maxResults: 25_000, maxRules: 25_000, maxGzipBytes: 10_000_000 };
/** GitHub reads `security-severity` as: 9.0+ critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const BANDS = {
    critical: { min: 9.0, max: 10, typical: 9.5 },
    high: { min: 7.0, max: 8.9, typical: 8.0 },
    medium: { min: 4.0, max: 6.9, typical: 5.5 },
    low: { min: 0.1, max: 3.9, typical: 2.0 },
};
/**
 * The score GitHub shows must land in the band of the severity the gate used, or the alert
 * would disagree with the verdict: the scanner's CVSS when it lies in that band, else a
 * typical score for the band.
 */
function securitySeverity(severity, cvss) {
    if (severity === 'unknown')
        return undefined;
    const band = BANDS[severity];
    const score = cvss !== undefined && cvss >= band.min && cvss <= band.max ? cvss : band.typical;
    return score.toFixed(1);
}
function levelOf(e) {
    if (e.status === 'gating')
        return 'error';
    return isSuppressed(e) ? 'note' : 'warning';
}
const levelRank = { error: 2, warning: 1, note: 0 };
/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per vulnerability id, one result per finding
 * (suppressed ones carry `suppressions` with the reason), located on the image. When the
 * findings exceed GitHub's limits, the lowest-severity results are left out first (within a
 * severity, suppressed before counted ones) and `trimmed` says how many.
 */
function buildSarif(evaluation, target, limits = GITHUB_SARIF_LIMITS) {
    const ordered = [...evaluation.findings].sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
        Number(isSuppressed(a)) - Number(isSuppressed(b)));
    const total = ordered.length;
    let count = Math.min(total, limits.maxResults, countWithinRules(ordered, limits.maxRules));
    let text = render(ordered.slice(0, count), evaluation, target, { dropped: total - count });
    let reason = count < total ? `more than ${Math.min(limits.maxResults, limits.maxRules)} results or rules` : '';
    if ((0,external_node_zlib_.gzipSync)(text).length > limits.maxGzipBytes) {
        reason = `more than ${limits.maxGzipBytes} bytes gzip-compressed`;
        // Largest prefix that fits: size grows with the prefix, so bisect.
        let lo = 0;
        let hi = count - 1;
        while (lo < hi) {
            const mid = Math.ceil((lo + hi) / 2);
            const candidate = render(ordered.slice(0, mid), evaluation, target, { dropped: total - mid });
            if ((0,external_node_zlib_.gzipSync)(candidate).length <= limits.maxGzipBytes)
                lo = mid;
            else
                hi = mid - 1;
        }
        count = lo;
        text = render(ordered.slice(0, count), evaluation, target, { dropped: total - count });
    }
    const out = { text, written: count, total };
    if (count < total) {
        out.trimmed = { dropped: total - count, lowestKept: ordered[count - 1]?.finding.severity, reason };
    }
    return out;
}
/** How many of the ordered findings fit before the distinct rule ids exceed `maxRules`. */
function countWithinRules(ordered, maxRules) {
    const ids = new Set();
    for (let i = 0; i < ordered.length; i++) {
        const id = ordered[i].finding.id;
        if (!ids.has(id) && ids.size === maxRules)
            return i;
        ids.add(id);
    }
    return ordered.length;
}
function render(findings, evaluation, target, extra) {
    const threshold = evaluation.policy.threshold;
    const rules = [];
    const ruleIndex = new Map();
    const byId = new Map();
    for (const e of findings) {
        const list = byId.get(e.finding.id);
        if (list)
            list.push(e);
        else
            byId.set(e.finding.id, [e]);
    }
    for (const [id, group] of byId) {
        ruleIndex.set(id, rules.length);
        rules.push(rule(id, group));
    }
    const repository = imageRepository(target.image);
    const uri = repository.split('/').map(encodeURIComponent).join('/');
    const results = findings.map((e) => {
        const f = e.finding;
        const result = {
            ruleId: f.id,
            ruleIndex: ruleIndex.get(f.id),
            level: levelOf(e),
            message: { text: (0,markdown/* sarifText */.BC)(resultMessage(e, target.image, threshold)) },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri },
                        region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
                    },
                    logicalLocations: [
                        {
                            name: `${f.package}@${f.installedVersion}`,
                            fullyQualifiedName: `${target.image}#${f.package}@${f.installedVersion}`,
                            kind: 'module',
                        },
                    ],
                    message: {
                        text: (0,markdown/* sarifText */.BC)(`${f.package} ${f.installedVersion} in ${f.locations.map((l) => l.target).join(', ')}`),
                    },
                },
            ],
            // GitHub tracks alerts by this fingerprint: one alert per vulnerability and package of the image.
            partialFingerprints: {
                primaryLocationLineHash: `${(0,external_node_crypto_.createHash)('sha256').update(`${repository}\n${f.id}\n${f.package}`).digest('hex')}:1`,
            },
            properties: {
                severity: severityLabel(f.severity),
                package: f.package,
                installedVersion: f.installedVersion,
                fixedVersion: f.fixedVersion,
                gate: e.status,
                targets: f.locations.map((l) => l.target),
            },
        };
        if (isSuppressed(e)) {
            result.suppressions = [
                {
                    kind: 'external',
                    status: 'accepted',
                    justification: (0,markdown/* sarifText */.BC)(e.status === 'allowlisted'
                        ? `${e.entry?.reason ?? ''}${e.entry?.expires ? ` (accepted until ${e.entry.expires})` : ''}`
                        : 'No fixed version is available yet; ignore-unfixed is on.'),
                },
            ];
        }
        return result;
    });
    const info = SCANNER_INFO[target.scanner.name];
    const doc = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'cdpack-scan',
                        fullName: (0,markdown/* sarifText */.BC)(`cdpack scan (${info.title}${target.scanner.version ? ` ${target.scanner.version}` : ''})`),
                        informationUri: info.url,
                        rules,
                    },
                },
                automationDetails: { id: `cdpack-scan/${repository}/` },
                results,
                properties: {
                    image: target.image,
                    scanner: target.scanner,
                    severityThreshold: threshold,
                    ignoreUnfixed: evaluation.policy.ignoreUnfixed,
                    verdict: evaluation.verdict,
                    resultsLeftOut: extra.dropped,
                },
            },
        ],
    };
    return JSON.stringify(doc);
}
function rule(id, group) {
    const first = group[0]?.finding;
    const severity = group.map((e) => e.finding.severity).reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
    const cvss = Math.max(...group.map((e) => e.finding.cvssScore ?? -1));
    const level = group.map(levelOf).reduce((a, b) => (levelRank[b] > levelRank[a] ? b : a));
    const title = group.map((e) => e.finding.title).find(Boolean) || firstSentence(first.description) || id;
    const description = sarif_clip(group.map((e) => e.finding.description).find(Boolean) || title, 4000);
    // Only an https URL that cannot break out of a Markdown link becomes helpUri or a link.
    const url = group.map((e) => (0,markdown/* safeHttpsUrl */.Wb)(e.finding.primaryUrl)).find(Boolean);
    const rows = group.map((e) => `| ${(0,markdown/* escapeMarkdown */.FV)(e.finding.package)} | ${(0,markdown/* escapeMarkdown */.FV)(e.finding.installedVersion)} | ${(0,markdown/* escapeMarkdown */.FV)(e.finding.fixedVersion || 'no fix yet')} |`);
    const score = securitySeverity(severity, cvss >= 0 ? cvss : undefined);
    return {
        id,
        name: id.replace(/[^A-Za-z0-9]/g, ''),
        shortDescription: { text: (0,markdown/* sarifText */.BC)(sarif_clip(title, 1000)) },
        fullDescription: { text: (0,markdown/* sarifText */.BC)(description) },
        ...(url ? { helpUri: url } : {}),
        help: {
            text: (0,markdown/* sarifText */.BC)(`${id} (${severityLabel(severity)}): ${title}\n\n${description}\n\nAffected packages: ${group
                .map((e) => `${e.finding.package} ${e.finding.installedVersion} (fixed in: ${e.finding.fixedVersion || 'none yet'})`)
                .join('; ')}${url ? `\n\n${url}` : ''}`),
            markdown: [
                `**${(0,markdown/* escapeMarkdown */.FV)(id)}** (${severityLabel(severity)}): ${(0,markdown/* escapeMarkdown */.FV)(title)}`,
                '',
                '| Package | Installed | Fixed in |',
                '| --- | --- | --- |',
                ...rows,
                '',
                (0,markdown/* escapeMarkdown */.FV)(description),
                ...(url ? ['', (0,markdown/* markdownLink */.iQ)(id, url)] : []),
            ].join('\n'),
        },
        defaultConfiguration: { level },
        properties: {
            ...(score ? { 'security-severity': score } : {}),
            precision: 'very-high',
            tags: ['security', 'vulnerability', 'container', severityLabel(severity)],
        },
    };
}
function resultMessage(e, image, threshold) {
    const f = e.finding;
    const fix = f.fixedVersion ? `fixed in ${f.fixedVersion}` : 'no fixed version yet';
    return `${f.id} (${severityLabel(f.severity)}) in ${f.package} ${f.installedVersion} of ${image}: ${fix}. Gate: ${describeStatus(e, threshold)}.`;
}
function firstSentence(text) {
    const line = text.split(/\n/)[0] ?? '';
    const dot = line.indexOf('. ');
    return sarif_clip(dot > 0 ? line.slice(0, dot + 1) : line, 200);
}
function sarif_clip(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

;// CONCATENATED MODULE: ./src/core/scan/summary.ts




/** The step summary: verdict, counts by severity, top findings, suppressions, allowlist upkeep. */
function buildSummary(evaluation, target, options) {
    const { policy, counts } = evaluation;
    const info = SCANNER_INFO[target.scanner.name];
    const verdict = evaluation.verdict === 'fail' ? '❌ fail' : '✅ pass';
    const lines = [
        `### cdpack scan: ${verdict}`,
        '',
        `${(0,markdown/* markdownCode */.D9)(target.image)} scanned with ${info.title}${target.scanner.version ? ` ${(0,markdown/* escapeMarkdown */.FV)(target.scanner.version)}` : ''}; severity-threshold **${policy.threshold}**, ignore-unfixed **${policy.ignoreUnfixed}**. ${evaluation.gating} finding(s) at or above the threshold.`,
        '',
        `| ${SEVERITIES.map(severityLabel).join(' | ')} | Suppressed |`,
        `| ${SEVERITIES.map(() => '---:').join(' | ')} | ---: |`,
        `| ${SEVERITIES.map((s) => counts[s]).join(' | ')} | ${evaluation.suppressed} |`,
        '',
    ];
    const counted = evaluation.findings.filter((e) => !isSuppressed(e));
    if (counted.length && options.limit > 0) {
        lines.push(`#### Top findings (${Math.min(options.limit, counted.length)} of ${counted.length})`, '');
        lines.push('| Severity | ID | Package | Installed → Fixed | Gate |', '| --- | --- | --- | --- | --- |');
        for (const e of counted.slice(0, options.limit))
            lines.push(findingRow(e));
        lines.push('');
    }
    const suppressed = evaluation.findings.filter(isSuppressed);
    if (suppressed.length && options.limit > 0) {
        lines.push(`#### Suppressed (${evaluation.allowlisted} by ignore-file, ${evaluation.unfixedIgnored} without a fix)`, '');
        lines.push('| Severity | ID | Package | Installed → Fixed | Reason |', '| --- | --- | --- | --- | --- |');
        for (const e of suppressed.slice(0, options.limit)) {
            const reason = e.status === 'allowlisted'
                ? `${e.entry?.reason ?? ''}${e.entry?.expires ? ` (until ${e.entry.expires})` : ''}`
                : 'no fixed version (ignore-unfixed)';
            lines.push(findingRow(e, reason));
        }
        if (suppressed.length > options.limit)
            lines.push('', `…and ${suppressed.length - options.limit} more.`);
        lines.push('');
    }
    if (evaluation.expired.length) {
        lines.push('#### Expired ignore-file entries (no longer suppress)', '');
        lines.push(...entryTable(evaluation.expired, 'Expired'), '');
    }
    if (evaluation.stale.length) {
        lines.push('#### Stale ignore-file entries (match no finding)', '');
        lines.push(...entryTable(evaluation.stale, 'Expires'), '');
    }
    if (options.sarifNote)
        lines.push(`> ${options.sarifNote}`, '');
    return lines.join('\n');
}
function findingRow(e, last) {
    const f = e.finding;
    const gate = last === undefined ? (e.status === 'gating' ? '**fails**' : 'reported') : (0,markdown/* escapeMarkdown */.FV)(last);
    return `| ${severityLabel(f.severity)} | ${(0,markdown/* markdownLink */.iQ)(f.id, f.primaryUrl)} | ${(0,markdown/* escapeMarkdown */.FV)(f.package)} | ${(0,markdown/* escapeMarkdown */.FV)(f.installedVersion)} → ${(0,markdown/* escapeMarkdown */.FV)(f.fixedVersion || 'no fix')} | ${gate} |`;
}
function entryTable(entries, dateHeading) {
    return [
        `| ID | Package | ${dateHeading} | Reason | Line |`,
        '| --- | --- | --- | --- | ---: |',
        ...entries.map((e) => `| ${(0,markdown/* escapeMarkdown */.FV)(e.id)} | ${(0,markdown/* escapeMarkdown */.FV)(e.package ?? 'any')} | ${e.expires ?? 'never'} | ${(0,markdown/* escapeMarkdown */.FV)(e.reason)} | ${e.line} |`),
    ];
}

// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(4245);
// EXTERNAL MODULE: ./src/inputs/scan.ts
var scan = __webpack_require__(7728);
// EXTERNAL MODULE: ./src/tools/files.ts
var files = __webpack_require__(4688);
// EXTERNAL MODULE: ./src/tools/process/temp.ts
var process_temp = __webpack_require__(4867);
;// CONCATENATED MODULE: ./src/tools/scanners/errors.ts

class ScannerError extends errors/* CdpackError */.xd {
    kind;
    tool;
    input;
    name = 'ScannerError';
    constructor(kind, tool, message, 
    /** The input the failure is about, when one is. */
    input) {
        super(message);
        this.kind = kind;
        this.tool = tool;
        this.input = input;
    }
}
/** Whether a scanner's failure output says the image could not be found or read (then `image` is the input concerned). */
function imageAt(output) {
    return /unable to find the image|MANIFEST_UNKNOWN|NAME_UNKNOWN|manifest unknown|no such image|could not fetch image|unauthorized|denied/i.test(output)
        ? 'image'
        : undefined;
}

// EXTERNAL MODULE: ./src/tools/exec.ts
var exec = __webpack_require__(2122);
// EXTERNAL MODULE: ./src/tools/tail.ts
var tail = __webpack_require__(3369);
;// CONCATENATED MODULE: ./src/tools/scanners/grype.ts



/** Settings that would make Grype drop findings or fail on its own; the gate decides instead. */
const FILTERING_ENV = ['GRYPE_ONLY_FIXED', 'GRYPE_ONLY_NOTFIXED', 'GRYPE_FAIL_ON_SEVERITY', 'GRYPE_CONFIG'];
function grypeArgs(run) {
    return [run.image, '-o', 'json'];
}
/** The DB cache always; with offline, no DB update. Never a check for a newer Grype. */
function grypeEnv(run) {
    return {
        ...Object.fromEntries(FILTERING_ENV.map((k) => [k, undefined])),
        GRYPE_DB_CACHE_DIR: run.cacheDir,
        GRYPE_CHECK_FOR_APP_UPDATE: 'false',
        ...(run.offline ? { GRYPE_DB_AUTO_UPDATE: 'false' } : {}),
    };
}
/** Runs Grype and returns its JSON report (printed on stdout). */
async function runGrype(binary, run, log) {
    const args = grypeArgs(run);
    log.info(`grype ${args.join(' ')}`);
    // Its log (stderr) streams to the step's log as it comes; stdout is the report, captured only.
    const r = await (0,exec/* execTool */.w)(binary, args, {
        cwd: run.workDir,
        env: grypeEnv(run),
        output: { log, stdout: 'none' },
    });
    if (r.code !== 0) {
        throw new ScannerError('scan', 'grype', `grype exited with code ${r.code}: ${(0,tail/* tail */.R)(r.stderr, 15)}`, imageAt(r.stderr));
    }
    if (!r.stdout.trim()) {
        throw new ScannerError('no-report', 'grype', `grype exited 0 but printed no report: ${(0,tail/* tail */.R)(r.stderr, 15)}`);
    }
    return r.stdout;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/tools/http/client.ts + 1 modules
var client = __webpack_require__(3821);
;// CONCATENATED MODULE: ./src/tools/scanners/releases.ts
/**
 * Where each scanner's release archives live and the versions cdpack pins. The archives are
 * verified against a sha256 pinned here when one is known for the platform, otherwise against
 * the `checksums.txt` published with the release.
 */

const PINNED_VERSIONS = {
    trivy: '0.69.3',
    grype: '0.110.0',
};
/** Versions cdpack refuses to install (a release reported as compromised). */
const DENIED_VERSIONS = {
    trivy: ['0.69.4'],
    grype: [],
};
/** sha256 of release archives by `<tool>@<version>/<asset>`. */
const PINNED_SHA256 = {
    'trivy@0.69.3/trivy_0.69.3_Linux-64bit.tar.gz': '1816b632dfe529869c740c0913e36bd1629cb7688bd5634f4a858c1d57c88b75',
    'grype@0.110.0/grype_0.110.0_linux_amd64.tar.gz': 'aaa98d27d2d7efd9317c6a1ad6d9b15f3e65bab320e7d03bde41e251387bb71c',
};
const DOWNLOAD_BASE = {
    trivy: 'https://github.com/aquasecurity/trivy/releases/download',
    grype: 'https://github.com/anchore/grype/releases/download',
};
/** Release archive for a platform (`process.platform`, `process.arch` values). */
function scannerRelease(tool, version, platform, arch, downloadBase = DOWNLOAD_BASE[tool]) {
    const asset = assetName(tool, version, platform, arch);
    const base = `${downloadBase.replace(/\/+$/, '')}/v${version}`;
    const sha256 = PINNED_SHA256[`${tool}@${version}/${asset}`];
    return {
        tool,
        version,
        asset,
        url: `${base}/${asset}`,
        checksumsUrl: `${base}/${tool}_${version}_checksums.txt`,
        ...(sha256 ? { sha256 } : {}),
    };
}
function assetName(tool, version, platform, arch) {
    const os = platform === 'linux' ? 'linux' : platform === 'darwin' ? 'darwin' : undefined;
    const cpu = arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : undefined;
    if (!os || !cpu)
        throw new ScannerError('install', tool, `no ${tool} release for ${platform}/${arch}; put ${tool} on PATH instead`);
    if (tool === 'grype')
        return `grype_${version}_${os}_${cpu}.tar.gz`;
    const trivyOs = os === 'linux' ? 'Linux' : 'macOS';
    const trivyCpu = cpu === 'amd64' ? '64bit' : 'ARM64';
    return `trivy_${version}_${trivyOs}-${trivyCpu}.tar.gz`;
}

;// CONCATENATED MODULE: ./src/tools/scanners/install.ts











/**
 * Finds the scanner: the tool cache at the wanted version, else a PATH binary of that version,
 * else downloads and verifies the release into the tool cache. `version: path` takes whatever
 * PATH has. A tool cache inside the workspace holds verified archives only (fromWorkspaceCache).
 */
async function locateScanner(options) {
    const { tool, version, log } = options;
    const onPath = await findOnPath(tool, options.searchPath);
    if (version === 'path') {
        if (!onPath) {
            throw new ScannerError('install', tool, `scanner-version is 'path' but no ${tool} was found on PATH`, 'scanner-version');
        }
        return { file: onPath, version: (await scannerVersion(tool, onPath)) || 'unknown', source: 'path' };
    }
    const dir = (0,external_node_path_.join)(options.toolCacheDir, tool, version);
    const cached = (0,external_node_path_.join)(dir, tool);
    const inWorkspace = options.workspace !== undefined && (await isInsideWorkspace(options.workspace, dir));
    if (inWorkspace) {
        const verified = await fromWorkspaceCache(options, dir);
        if (verified)
            return verified;
    }
    else if (await isExecutable(cached)) {
        return { file: cached, version, source: 'tool-cache' };
    }
    let pathVersion = '';
    if (onPath) {
        pathVersion = await scannerVersion(tool, onPath);
        if (pathVersion === version)
            return { file: onPath, version, source: 'path' };
        log.info(`${tool} on PATH is ${pathVersion || 'of unknown version'}, not ${version}`);
    }
    if (options.offline) {
        throw new ScannerError('install', tool, `${tool} ${version} is neither in the tool cache (${inWorkspace ? `${dir}, verified` : cached}) nor on PATH${pathVersion ? ` (PATH has ${pathVersion})` : ''}, and offline mode forbids downloading it; install it, or set scanner-version to 'path' to use the PATH binary`, 'scanner-version');
    }
    const release = releaseFor(options);
    const http = new client/* HttpClient */.Qq({ env: options.env ?? {} });
    try {
        const archive = await log.group(`Install ${tool} ${version}`, () => downloadVerified(release, http, log));
        if (!inWorkspace) {
            await unpack(release, archive, cached);
            return { file: cached, version, source: 'download' };
        }
        // Kept for the next run as the archive, which is checked again then; the binary runs from a private copy.
        await (0,promises_.mkdir)(dir, { recursive: true });
        await (0,promises_.writeFile)((0,external_node_path_.join)(dir, release.asset), archive);
        return { ...(await unpackPrivately(release, archive, options)), version, source: 'download' };
    }
    finally {
        http.close();
    }
}
function releaseFor(options) {
    return scannerRelease(options.tool, options.version, options.platform ?? process.platform, options.arch ?? process.arch, options.downloadBase);
}
/**
 * Threat model (docs/scan.md, "A cache inside the workspace"): without RUNNER_TOOL_CACHE (GitLab,
 * the CLI) the default cache is `.cdpack-cache` in the checkout. Files committed there are chosen by
 * whoever wrote the commit (a fork's merge request), and GitLab's `cache:` restores whatever an
 * earlier job left in it, untracked files included. So a binary in a workspace cache is never run:
 * the cache keeps the release archive, whose sha256 must match the pinned table (releases.ts) or,
 * for other versions, the release's checksums.txt fetched in this run; the verified bytes are then
 * unpacked into a fresh private dir outside the workspace and run from there. (The scan action
 * also refuses a workspace cache holding committed files, DBs included: see cache-trust.ts.)
 */
async function fromWorkspaceCache(options, dir) {
    const { tool, version, log } = options;
    if (await isExecutable((0,external_node_path_.join)(dir, tool))) {
        log.info(`${(0,external_node_path_.join)(dir, tool)} is not run: a binary in a cache inside the workspace could come from the repository or a restored CI cache; only a verified release archive is used there`);
    }
    let release;
    try {
        release = releaseFor(options);
    }
    catch {
        return undefined;
    }
    const archiveFile = (0,external_node_path_.join)(dir, release.asset);
    let archive;
    try {
        if (!(await (0,promises_.lstat)(archiveFile)).isFile())
            return undefined;
        archive = await (0,promises_.readFile)(archiveFile);
    }
    catch {
        return undefined;
    }
    let expected = release.sha256;
    if (!expected) {
        if (options.offline) {
            log.info(`${archiveFile} is not used: cdpack pins no sha256 for ${tool} ${version}, and offline mode cannot fetch the release checksums to verify it`);
            return undefined;
        }
        const http = new client/* HttpClient */.Qq({ env: options.env ?? {} });
        try {
            expected = await publishedChecksum(http, release);
        }
        finally {
            http.close();
        }
    }
    const actual = sha256(archive);
    if (actual !== expected) {
        log.warn(`${archiveFile}: sha256 ${actual} does not match the expected ${expected}; not using it`);
        return undefined;
    }
    log.info(`${archiveFile}: sha256 verified${release.sha256 ? ' (pinned)' : ' (release checksums)'}`);
    return { ...(await unpackPrivately(release, archive, options)), version, source: 'tool-cache' };
}
/** Unpacks verified archive bytes into a fresh dir (mode 700) under the temp dir, removed on a signal too. */
async function unpackPrivately(release, archive, options) {
    const temp = await (0,process_temp/* temporaryDir */.F)(options.tempDir ?? (0,external_node_os_.tmpdir)(), `cdpack-${release.tool}-`);
    try {
        const file = (0,external_node_path_.join)(temp.dir, release.tool);
        await unpack(release, archive, file);
        return { file, dispose: temp.dispose };
    }
    catch (error) {
        await temp.dispose();
        throw error;
    }
}
/** Whether `dir` is in the workspace, as written or with symlinks resolved. */
async function isInsideWorkspace(workspace, dir) {
    return (0,files/* isWithin */.UO)((0,external_node_path_.resolve)(workspace), (0,external_node_path_.resolve)(dir)) || (await (0,files/* resolveInside */.LI)(workspace, dir)) !== undefined;
}
/** `Version: 0.69.3` from `trivy --version` / `grype version`; '' when it cannot be read. */
async function scannerVersion(tool, file) {
    try {
        const r = await (0,exec/* execTool */.w)(file, tool === 'trivy' ? ['--version'] : ['version']);
        return /^Version:\s*v?(\S+)/m.exec(r.stdout)?.[1] ?? '';
    }
    catch {
        return '';
    }
}
/** Downloads the release archive and checks it against the pinned sha256, else the release's checksums. */
async function downloadVerified(release, http, log) {
    log.info(`downloading ${release.url}`);
    const archive = await download(http, release.url);
    const actual = sha256(archive);
    const expected = release.sha256 ?? (await publishedChecksum(http, release));
    if (actual !== expected) {
        throw new ScannerError('install', release.tool, `${release.asset}: sha256 ${actual} does not match the expected ${expected}; not installing it`);
    }
    log.info(`${release.asset}: sha256 ${actual} verified${release.sha256 ? ' (pinned)' : ' (release checksums)'}`);
    return archive;
}
/** Extracts the tool from verified archive bytes to `target` (atomically: a partial binary is never left there). */
async function unpack(release, archive, target) {
    const dir = (0,external_node_path_.join)(target, '..');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const work = await (0,promises_.mkdtemp)((0,external_node_path_.join)(dir, '.download-'));
    try {
        const archiveFile = (0,external_node_path_.join)(work, release.asset);
        await (0,promises_.writeFile)(archiveFile, archive);
        const r = await (0,exec/* execTool */.w)('tar', ['-xzf', archiveFile, '-C', work, release.tool]);
        if (r.code !== 0)
            throw new ScannerError('install', release.tool, `cannot extract ${release.tool} from ${release.asset}: ${r.stderr.trim()}`);
        await (0,promises_.chmod)((0,external_node_path_.join)(work, release.tool), 0o755);
        await (0,promises_.rename)((0,external_node_path_.join)(work, release.tool), target);
    }
    finally {
        await (0,promises_.rm)(work, { recursive: true, force: true });
    }
}
function sha256(bytes) {
    return (0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex');
}
async function download(http, url) {
    const response = await http.request({ method: 'GET', url });
    if (response.status !== 200) {
        await response.discard();
        throw new ScannerError('install', 'scanner', `download of ${url} failed: HTTP ${response.status}`);
    }
    return response.buffer();
}
async function publishedChecksum(http, release) {
    const text = (await download(http, release.checksumsUrl)).toString('utf8');
    for (const line of text.split(/\r?\n/)) {
        const [sum, name] = line.trim().split(/\s+\*?/);
        if (name === release.asset && sum && /^[a-f0-9]{64}$/.test(sum))
            return sum;
    }
    throw new ScannerError('install', release.tool, `${release.checksumsUrl} lists no sha256 for ${release.asset}`);
}
async function findOnPath(name, searchPath) {
    for (const dir of searchPath.split(external_node_path_.delimiter)) {
        if (dir && (await isExecutable((0,external_node_path_.join)(dir, name))))
            return (0,external_node_path_.join)(dir, name);
    }
    return undefined;
}
async function isExecutable(file) {
    try {
        await (0,promises_.access)(file, external_node_fs_.constants.X_OK);
        return (await (0,promises_.stat)(file)).isFile();
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/tools/scanners/trivy.ts




/**
 * Environment settings that would make Trivy drop findings before we see them. Filtering is
 * the gate's job (it must see every finding to report suppressed ones), so they are unset.
 */
const trivy_FILTERING_ENV = [
    'TRIVY_SEVERITY',
    'TRIVY_IGNORE_UNFIXED',
    'TRIVY_IGNORE_STATUS',
    'TRIVY_IGNOREFILE',
    'TRIVY_IGNORE_POLICY',
    'TRIVY_VEX',
    'TRIVY_EXIT_CODE',
];
/** `trivy image` arguments: JSON to a file, vulnerabilities only, no severity or fix filters. */
function trivyArgs(run, outputFile) {
    return [
        'image',
        '--format',
        'json',
        '--output',
        outputFile,
        '--scanners',
        'vuln',
        '--cache-dir',
        run.cacheDir,
        '--no-progress',
        ...(run.offline ? ['--skip-db-update', '--skip-java-db-update', '--offline-scan'] : []),
        run.image,
    ];
}
/** Runs Trivy and returns its JSON report text. */
async function runTrivy(binary, run, outputFile, log) {
    const args = trivyArgs(run, outputFile);
    log.info(`trivy ${args.join(' ')}`);
    const env = Object.fromEntries(trivy_FILTERING_ENV.map((k) => [k, undefined]));
    // Trivy logs on stderr (the report goes to a file): both stream to the step's log as they come.
    const r = await (0,exec/* execTool */.w)(binary, args, { cwd: run.workDir, env, output: { log } });
    if (r.code !== 0) {
        throw new ScannerError('scan', 'trivy', `trivy exited with code ${r.code}: ${(0,tail/* tail */.R)(r.stderr, 15)}`, imageAt(r.stderr));
    }
    try {
        return await (0,promises_.readFile)(outputFile, 'utf8');
    }
    catch {
        throw new ScannerError('no-report', 'trivy', `trivy exited 0 but wrote no report to ${outputFile}: ${(0,tail/* tail */.R)(r.stderr, 15)}`);
    }
}

// EXTERNAL MODULE: ./src/version.ts + 1 modules
var version = __webpack_require__(1013);
// EXTERNAL MODULE: ./src/tools/git.ts
var git = __webpack_require__(615);
;// CONCATENATED MODULE: ./src/actions/scan/cache-trust.ts





/**
 * Refuses a `cache-dir` inside the workspace that holds files committed to the repository.
 *
 * Threat model: in a merge/pull request pipeline the commit is the requester's, so committed files
 * are theirs. A scanner binary committed under `.cdpack-cache/bin/…` would be run by the step, and a
 * committed vulnerability DB (an empty one, or one without the CVEs of their image) would turn the
 * gate into a pass. cdpack never runs a binary from a workspace cache as is (tools/scanners/install.ts
 * runs only a verified release archive's copy), but the DB cannot be verified, so a cache the
 * repository writes into is not used at all. Untracked files are a different matter: they come from
 * this job or a CI cache restored by the runner (GitLab restores untracked files into the project
 * dir), whose trust is the cache key's (docs/scan.md).
 */
async function refuseCommittedCache(workspace, cacheDir) {
    const path = workspacePath(workspace, cacheDir);
    if (path === undefined)
        return;
    let tracked;
    try {
        tracked = await (0,git/* trackedPaths */.f4)(workspace, path.rel);
    }
    catch (error) {
        throw new errors/* InputError */.dz('cache-dir', `${cacheDir} is inside the workspace, and git could not tell whether the repository commits files there (${error.message}); set cache-dir outside the workspace or make git available`);
    }
    if (tracked.length === 0)
        return;
    throw new errors/* InputError */.dz('cache-dir', `${cacheDir} holds ${tracked.length} file(s) committed to the repository (e.g. ${(0,control/* excerpt */.Kb)(tracked[0] ?? '')}); a scanner or vulnerability DB from the repository is not trusted, so neither is run nor used. Remove them from git (git rm -r --cached '${path.rel}') and ignore the directory, or set cache-dir elsewhere`);
}
/**
 * `dir` relative to the workspace when it is written as a path inside it. (A symlink on the way
 * is itself a tracked path when committed, so git lists it; an absolute path elsewhere is the
 * workflow author's choice.)
 */
function workspacePath(workspace, dir) {
    const root = (0,external_node_path_.resolve)(workspace);
    const full = (0,external_node_path_.resolve)(root, dir);
    return (0,files/* isWithin */.UO)(root, full) ? { rel: (0,external_node_path_.relative)(root, full) || '.' } : undefined;
}

;// CONCATENATED MODULE: ./src/actions/scan/settings.ts





/** Typed settings from inputs readInputs has defaulted and checked, before any file is read or scanner run. */
function parseSettings(raw, context) {
    const get = (name) => (raw[name] ?? '').trim();
    const confine = [];
    const path = (name) => {
        const value = get(name);
        if (!value)
            return undefined;
        if ((0,external_node_path_.isAbsolute)(value))
            return value;
        const full = (0,external_node_path_.resolve)(context.workspace, value);
        if (name !== 'cache-dir')
            confine.push({ input: name, value, path: full });
        return full;
    };
    const scanner = get('scanner');
    const report = path('report');
    const image = get('image') || undefined;
    if (!image && !report)
        throw new errors/* InputError */.dz('image', "is required unless 'report' gives an existing scanner report");
    if (image) {
        const parsed = (0,reference/* parseReference */.F2)(image);
        if (!parsed.ok)
            throw new errors/* InputError */.dz('image', `'${image}' is not an image reference (${parsed.reason})`);
    }
    const scannerVersion = parseScannerVersion(scanner, get('scanner-version'));
    const cacheInput = path('cache-dir');
    const toolCache = context.env.RUNNER_TOOL_CACHE;
    return {
        image,
        scanner,
        scannerVersion,
        threshold: get('severity-threshold'),
        ignoreUnfixed: (0,read/* parseBoolean */.yG)('ignore-unfixed', get('ignore-unfixed')),
        ignoreFile: path('ignore-file'),
        report,
        sarifFile: path('sarif-file'),
        gitlabReportFile: path('gitlab-report-file'),
        summaryLimit: (0,read/* parseInteger */.cG)('summary-limit', get('summary-limit'), 0, 1000),
        offline: (0,read/* parseBoolean */.yG)('offline', get('offline')),
        cacheDir: cacheInput ?? (toolCache ? (0,external_node_path_.join)(toolCache, 'cdpack') : (0,external_node_path_.join)(context.workspace, '.cdpack-cache')),
        confine,
    };
}
function parseScannerVersion(scanner, value) {
    if (!value)
        return PINNED_VERSIONS[scanner];
    if (value === 'path')
        return value;
    const version = value.replace(/^v/, '');
    if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/.test(version)) {
        throw new errors/* InputError */.dz('scanner-version', `expected a release version such as ${PINNED_VERSIONS[scanner]} or 'path', got '${value}'`);
    }
    if (DENIED_VERSIONS[scanner].includes(version)) {
        throw new errors/* InputError */.dz('scanner-version', `${scanner} ${version} is a release reported as compromised; use another version`);
    }
    return version;
}

;// CONCATENATED MODULE: ./src/actions/scan/action.ts























/**
 * Largest scanner report read (docs/scan.md): a report is parsed whole, and the step's peak
 * memory was measured at about 4× the report's size, 10× with SARIF and GitLab reports written.
 */
const REPORT_SIZE_LIMIT = 128 * 1024 * 1024;
/** Largest ignore file read: a hand-written list, so a larger file is not one. */
const IGNORE_FILE_SIZE_LIMIT = 4 * 1024 * 1024;
/** scan on any platform: inputs → report (scan or given) → gate → reports, outputs, summary. */
function scanAction(platform) {
    return runScan(platform, { now: () => new Date() });
}
async function runScan(platform, deps) {
    const settings = parseSettings((0,read/* readInputs */.Ko)(scan/* scan */.S, platform), { workspace: platform.workspace, env: platform.env });
    await confinePaths(settings, platform.workspace);
    const allowlist = settings.ignoreFile ? await loadIgnoreFile(settings.ignoreFile, platform) : [];
    const startTime = deps.now();
    const { report, scannerVersion } = settings.report
        ? { report: await loadReport(settings.report), scannerVersion: '' }
        : await platform.group(`Scan ${settings.image} with ${settings.scanner}`, () => runScanner(settings, platform, deps));
    const endTime = deps.now();
    for (const note of report.notes)
        platform.info(note);
    const target = {
        image: settings.image || report.artifact || 'unknown-image',
        scanner: { name: report.scanner.name, version: report.scanner.version || scannerVersion },
        os: report.os,
    };
    const evaluation = evaluate(report.findings, {
        threshold: settings.threshold,
        ignoreUnfixed: settings.ignoreUnfixed,
        allowlist,
        today: startTime.toISOString().slice(0, 10),
    });
    platform.info(`${report.rawCount} vulnerability entries, ${report.findings.length} unique (id, package, installed version) findings; ` +
        `counted: ${SEVERITIES.map((s) => `${s} ${evaluation.counts[s]}`).join(', ')}; suppressed ${evaluation.suppressed}`);
    reportAllowlistUpkeep(evaluation, settings, platform);
    let sarifNote;
    if (settings.sarifFile) {
        const sarif = buildSarif(evaluation, target);
        await writeReport(settings.sarifFile, sarif.text);
        if (sarif.trimmed) {
            sarifNote = `SARIF holds ${sarif.written} of ${sarif.total} findings: the ${sarif.trimmed.dropped} lowest-severity ones were left out to stay within GitHub's upload limits (${sarif.trimmed.reason}). The gate still counted them.`;
            platform.warn(sarifNote);
        }
    }
    if (settings.gitlabReportFile) {
        await writeReport(settings.gitlabReportFile, buildGitlabReport(evaluation, target, { analyzerVersion: version/* CDPACK_VERSION */.U, startTime, endTime }));
    }
    platform.setOutput('verdict', evaluation.verdict);
    for (const severity of SEVERITIES)
        platform.setOutput(severity, String(evaluation.counts[severity]));
    platform.setOutput('suppressed', String(evaluation.suppressed));
    platform.setOutput('sarif-file', settings.sarifFile ?? '');
    platform.setOutput('gitlab-report-file', settings.gitlabReportFile ?? '');
    await platform.summary(buildSummary(evaluation, target, { limit: settings.summaryLimit, sarifNote }));
    if (evaluation.verdict === 'fail') {
        platform.fail(`${evaluation.gating} finding(s) at or above severity-threshold ${settings.threshold} in ${target.image} (${SEVERITIES.filter((s) => evaluation.counts[s] > 0)
            .map((s) => `${s} ${evaluation.counts[s]}`)
            .join(', ')})`);
    }
}
/** Refuses a relative file input that a `..` or a symlink leads out of the workspace. */
async function confinePaths(settings, workspace) {
    for (const { input, value, path } of settings.confine) {
        if (await (0,files/* resolveInside */.LI)(workspace, path))
            continue;
        throw new errors/* InputError */.dz(input, `'${(0,control/* excerpt */.Kb)(value)}' resolves outside the workspace (symlinks followed); a relative path must stay inside it, give an absolute path for a file elsewhere`);
    }
}
/** The file's text, or an InputError naming the input: unreadable, or larger than the limit. */
async function readInputFile(input, file, limit, what) {
    try {
        return await (0,files/* readTextCapped */.XS)(file, limit);
    }
    catch (error) {
        if (error instanceof files/* FileTooLargeError */.yq) {
            throw new errors/* InputError */.dz(input, `${file} is larger than the ${(0,files/* formatBytes */.z3)(limit)} limit for ${what}`);
        }
        throw new errors/* InputError */.dz(input, `cannot read ${file}: ${error.code ?? 'read error'}`);
    }
}
async function loadIgnoreFile(file, platform) {
    const text = await readInputFile('ignore-file', file, IGNORE_FILE_SIZE_LIMIT, 'ignore files');
    try {
        const { entries, warnings } = parseIgnoreFile(text);
        for (const w of warnings)
            platform.warn(`ignore-file ${w}`, { file: annotationPath(file, platform.workspace) });
        return entries;
    }
    catch (error) {
        if (error instanceof IgnoreFileError)
            throw new errors/* InputError */.dz('ignore-file', `${file}: ${error.message}`);
        throw error;
    }
}
async function loadReport(file) {
    const text = await readInputFile('report', file, REPORT_SIZE_LIMIT, 'scanner reports (see docs/scan.md)');
    try {
        return parseReport(text);
    }
    catch (error) {
        if (error instanceof ReportFormatError)
            throw new errors/* InputError */.dz('report', `${file}: ${error.message}`);
        throw error;
    }
}
async function runScanner(settings, platform, deps) {
    const tool = settings.scanner;
    await refuseCommittedCache(platform.workspace, settings.cacheDir);
    const scanner = await locateScanner({
        tool,
        version: settings.scannerVersion,
        toolCacheDir: (0,external_node_path_.join)(settings.cacheDir, 'bin'),
        offline: settings.offline,
        log: platform,
        searchPath: platform.env.PATH ?? '',
        env: platform.env,
        workspace: platform.workspace,
        tempDir: platform.tempDir,
        ...(deps.downloadBase ? { downloadBase: deps.downloadBase } : {}),
    });
    platform.info(`using ${tool} ${scanner.version} (${scanner.source}: ${scanner.file})`);
    try {
        return await scanWith(scanner.file, scanner.version, settings, platform);
    }
    finally {
        await scanner.dispose?.();
    }
}
async function scanWith(file, version, settings, platform) {
    const tool = settings.scanner;
    const temp = await (0,process_temp/* temporaryDir */.F)(platform.tempDir, 'cdpack-scan-');
    const workDir = temp.dir;
    try {
        const run = {
            image: settings.image,
            cacheDir: tool === 'trivy' ? (0,external_node_path_.join)(settings.cacheDir, 'trivy') : (0,external_node_path_.join)(settings.cacheDir, 'grype', 'db'),
            offline: settings.offline,
            workDir,
        };
        await (0,promises_.mkdir)(run.cacheDir, { recursive: true });
        const text = tool === 'trivy'
            ? await runTrivy(file, run, (0,external_node_path_.join)(workDir, 'trivy-report.json'), platform)
            : await runGrype(file, run, platform);
        try {
            return { report: parseReport(text), scannerVersion: version };
        }
        catch (error) {
            if (error instanceof ReportFormatError)
                throw new ScannerError('no-report', tool, `${tool} wrote a report cdpack cannot read: ${error.message}`);
            throw error;
        }
    }
    finally {
        await temp.dispose();
    }
}
/** Annotations point at files relative to the workspace when they are inside it. */
function annotationPath(file, workspace) {
    const rel = (0,external_node_path_.relative)(workspace, file);
    return rel && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel) ? rel : file;
}
function reportAllowlistUpkeep(evaluation, settings, platform) {
    const file = annotationPath(settings.ignoreFile ?? '', platform.workspace);
    for (const e of evaluation.expired) {
        platform.warn(`ignore-file entry ${e.id}${e.package ? ` (${e.package})` : ''} expired on ${e.expires} and no longer suppresses anything; renew it with a new reason or remove it`, { file, line: e.line });
    }
    for (const e of evaluation.stale) {
        platform.warn(`ignore-file entry ${e.id}${e.package ? ` (${e.package})` : ''} matches no finding (stale); remove it`, {
            file,
            line: e.line,
        });
    }
}
async function writeReport(file, text) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(file), { recursive: true });
    await (0,promises_.writeFile)(file, text);
}


/***/ }),

/***/ 1013:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U: () => (/* binding */ CDPACK_VERSION)
});

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/version.ts

/** cdpack's version, from package.json only: ncc inlines it, so bundles never read package.json at run time. */
const CDPACK_VERSION = package_namespaceObject.rE;


/***/ })

};
