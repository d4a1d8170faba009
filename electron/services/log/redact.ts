// What must never reach a log line: fields named like secrets, credentials inside URLs and headers, and any value
// the caller knows is secret (in plain or base64 form, as Basic auth and docker config carry it).
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|credential|private.?key|^auth$|sealed/i;
const PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]'],
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, '$1[redacted]@'],
  [/("?(?:password|token|secret|auth)"?\s*[:=]\s*)"[^"]*"/gi, '$1"[redacted]"'],
];

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 3) continue;
    for (const form of [s, Buffer.from(s).toString('base64')]) out = out.split(form).join('[redacted]');
  }
  for (const [re, by] of PATTERNS) out = out.replace(re, by);
  return out;
}

export function redactFields(fields: Record<string, unknown>, secrets: readonly string[] = [], depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redactValue(v, secrets, depth);
  return out;
}

function redactValue(v: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof v === 'string') return redactText(v, secrets);
  if (v instanceof Error) return redactText(v.message, secrets);
  if (depth > 4 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => redactValue(x, secrets, depth + 1));
  return redactFields(v as Record<string, unknown>, secrets, depth + 1);
}
