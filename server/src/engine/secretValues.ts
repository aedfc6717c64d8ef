/**
 * Committed credentials recognised by their value alone, whatever the field holding them is
 * called. Only formats that cannot be mistaken for anything else count: a private key block, a
 * provider's prefixed token, a cloud CLI key file. Words ("token", "password") never do: config
 * files mention them harmlessly, and the name-based rules (secretNames.ts) judge names.
 *
 * Precision first: documentation examples and placeholders (`AKIAIOSFODNN7EXAMPLE`,
 * `ghp_xxxxxxxx...`, `T00000000/B00000000/XXXXXXXX...`) are no credential, so a match whose random
 * part is visibly made up is dropped.
 */

/** What a value was found to carry, as messages say it: "an AWS access key id". */
export type CredentialKind = string;

/** Cheap first pass: most strings of a manifest contain none of these, and skip every detector. */
// Case-sensitive (the formats are): a case-insensitive scan is several times slower on the long
// descriptions of CRD schemas.
const TRIGGER = /PRIVATE KEY|A[KS]IA|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt)-|xox[abeoprs]-|xapp-|hooks\.slack\.com|service_account|aws_secret_access_key|AWS_SECRET_ACCESS_KEY|AccountKey=/;

/** A string shorter than the shortest credential below (an AWS key id) holds none. */
const MIN_LENGTH = 20;

export function credentialIn(text: string): CredentialKind | undefined {
  if (text.length < MIN_LENGTH || !TRIGGER.test(text)) return undefined;
  // The key file before the key block inside it: "a GCP service account key" says what to revoke.
  if (isServiceAccountKeyFile(text)) return 'a GCP service account key';
  const key = privateKeyIn(text);
  if (key !== undefined) return key;
  for (const { pattern, what } of TOKENS) {
    for (const match of text.matchAll(pattern)) {
      if (!isPlaceholderToken(match[1])) return what;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Private key blocks

const KEY_HEADER = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g;
const KEY_NAMES: Record<string, CredentialKind> = {
  'RSA PRIVATE KEY': 'an RSA private key',
  'EC PRIVATE KEY': 'an EC private key',
  'DSA PRIVATE KEY': 'a DSA private key',
  'OPENSSH PRIVATE KEY': 'an OpenSSH private key',
  'ENCRYPTED PRIVATE KEY': 'an encrypted private key',
  'PGP PRIVATE KEY BLOCK': 'a PGP private key',
};
/** A line of base64 key material; shorter than a real one is fine (test keys, truncated pastes). */
const KEY_MATERIAL = /^[A-Za-z0-9+/]{8,}={0,2}$/;
/** RFC 1421 / OpenPGP armor headers between BEGIN and the material: `Proc-Type: 4,ENCRYPTED`, `Version: x`. */
const ARMOR_HEADER = /^[A-Za-z][A-Za-z0-9-]*: /;

/**
 * A BEGIN line followed by key material, with or without a (matching) END line: a pasted key is a
 * leak however it ends. A BEGIN line that a script or a doc only quotes (`grep "-----BEGIN ..."`),
 * or whose body is `...`, `<your key>` or `xxxx`, is none.
 */
function privateKeyIn(text: string): CredentialKind | undefined {
  for (const header of text.matchAll(KEY_HEADER)) {
    const after = header.index + header[0].length;
    // JSON key files escape their line breaks: `-----BEGIN PRIVATE KEY-----\nMIIE...`.
    const rest = text.slice(after, after + 512).replace(/\\r\\n|\\n/g, '\n');
    const material = keyMaterialAfterHeader(rest, text.includes('-----END', after));
    if (material !== undefined && !isPlaceholderKeyLine(material)) return KEY_NAMES[header[1]] ?? 'a private key';
  }
  return undefined;
}

function keyMaterialAfterHeader(rest: string, hasEnd: boolean): string | undefined {
  // The header must end where it stands: `-----"` or `-----)` is a header quoted in code.
  if (!/^\s/.test(rest)) return undefined;
  const lines = rest.split(/\r?\n/);
  const sameLine = lines[0].trim();
  if (sameLine !== '') {
    // A key folded onto one line (a plain YAML scalar joins its lines with spaces); only with its
    // END line, which a sentence that quotes a header does not have.
    const first = sameLine.split(/\s+/)[0];
    return hasEnd && KEY_MATERIAL.test(first) ? first : undefined;
  }
  for (const line of lines.slice(1)) {
    const trimmed = line.trim();
    if (trimmed === '' || ARMOR_HEADER.test(trimmed)) continue;
    return KEY_MATERIAL.test(trimmed) ? trimmed : undefined;
  }
  return undefined;
}

/** A GCP service account key file (JSON): its type and a private key in it. */
function isServiceAccountKeyFile(text: string): boolean {
  return /"type"\s*:\s*"service_account"/.test(text) && /"private_key"\s*:\s*"-----BEGIN/.test(text) && privateKeyIn(text) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Prefixed tokens and key-file entries

interface TokenFormat {
  /**
   * Global; bounded on both sides so that a match is the whole token, not part of a longer word.
   * Group 1 is the part that is random in a real credential: what a placeholder fills in.
   */
  pattern: RegExp;
  what: CredentialKind;
}

const TOKENS: readonly TokenFormat[] = [
  // Access key ids: a 4-letter type prefix (AKIA long-lived, ASIA temporary STS) and 16 base32 characters.
  { pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)([A-Z2-7]{16})(?![A-Za-z0-9])/g, what: 'an AWS access key id' },
  // ~/.aws/credentials, or the same variable in a shell or dotenv file: 40 base64 characters.
  {
    pattern: /(?:aws_secret_access_key|AWS_SECRET_ACCESS_KEY)["']?[ \t]*[=:][ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    what: 'an AWS secret access key',
  },
  // GitHub: personal (ghp), OAuth (gho), user-to-server (ghu), server-to-server (ghs), refresh (ghr): 36 base62 characters.
  { pattern: /(?<![A-Za-z0-9_])gh[pousr]_([A-Za-z0-9]{36})(?![A-Za-z0-9_])/g, what: 'a GitHub token' },
  // GitHub fine-grained personal access token: 22 and 59 characters around an underscore.
  { pattern: /(?<![A-Za-z0-9_])github_pat_([A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g, what: 'a GitHub token' },
  // GitLab personal/project/group (glpat), deploy (gldt) and runner (glrt) tokens: at least 20
  // characters (the newer routable tokens are longer and carry a `.01.` suffix).
  { pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt)-([A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g, what: 'a GitLab token' },
  // GitLab pipeline trigger token: 40 hex characters.
  { pattern: /(?<![A-Za-z0-9_-])glptt-([0-9a-f]{40})(?![A-Za-z0-9_-])/g, what: 'a GitLab token' },
  // Slack bot (xoxb), user (xoxp), workspace (xoxa, xoxr), legacy (xoxo, xoxs) and configuration
  // (xoxe) tokens: numeric ids, then the secret part.
  { pattern: /(?<![A-Za-z0-9-])xox[abeoprs]-(?:[0-9]+-){1,4}([A-Za-z0-9]{8,})(?![A-Za-z0-9-])/g, what: 'a Slack token' },
  // Slack app-level token.
  { pattern: /(?<![A-Za-z0-9-])xapp-[0-9]-[A-Z0-9]+-[0-9]+-([a-f0-9]{32,})(?![A-Za-z0-9-])/g, what: 'a Slack token' },
  // Slack incoming webhook: team id, webhook id, then a 24-character secret.
  {
    pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]{8,}\/B[A-Z0-9]{8,}\/([A-Za-z0-9]{24})(?![A-Za-z0-9])/g,
    what: 'a Slack webhook URL',
  },
  // Azure storage connection string: the 64-byte account key, base64.
  {
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    what: 'an Azure storage account key',
  },
];

// ---------------------------------------------------------------------------------------------
// Placeholders

/** Words that documentation and templates put into a made-up credential (AWS's own examples end in EXAMPLE). */
const FILLER_WORDS = /example|sample|dummy|fake|placeholder|redacted|changeme|your/i;
/** `xxxx`, `0000`, `****`: a run no random generator plausibly produces in a token this short. */
const REPEATED_RUN = /(.)\1{3,}/;
const ASCENDING_RUN = 6;

/** Published values that look real but authenticate nowhere. */
const PUBLISHED_VALUES = new Set([
  // The Azure storage emulator's account key (devstoreaccount1), in every local-development connection string.
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
]);

/**
 * True when the random part of a token is visibly made up: a published example, filler words,
 * runs of one character, `abcdef`/`123456` sequences, too few distinct characters. The odds of a
 * real random token tripping one of these are well below one in a thousand.
 */
export function isPlaceholderToken(random: string): boolean {
  return PUBLISHED_VALUES.has(random) || FILLER_WORDS.test(random) || REPEATED_RUN.test(random) || new Set(random).size < 6 || hasAscendingRun(random);
}

/**
 * The same for the first line of a key's material, which legitimately has runs (`AAAA` pads ASN.1
 * and OpenSSH headers): only filler words, sequences and too few distinct characters count.
 */
function isPlaceholderKeyLine(line: string): boolean {
  return FILLER_WORDS.test(line) || new Set(line).size < 5 || hasAscendingRun(line);
}

function hasAscendingRun(text: string): boolean {
  let run = 1;
  for (let i = 1; i < text.length; i++) {
    run = text.charCodeAt(i) === text.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= ASCENDING_RUN) return true;
  }
  return false;
}
