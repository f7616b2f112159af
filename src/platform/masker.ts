/** Replaces every registered secret (and its base64 forms in auth headers) with `***`. */
export class Masker {
  private readonly secrets = new Set<string>();

  add(value: string): void {
    const trimmed = value.trim();
    if (trimmed.length < 3) return; // masking 1-2 characters would shred every log line
    this.secrets.add(trimmed);
    for (const line of trimmed.split(/\r?\n/)) if (line.trim().length >= 3) this.secrets.add(line.trim());
  }

  mask(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
    return out;
  }
}
