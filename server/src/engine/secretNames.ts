import { memoizeByString } from './memo';

/**
 * Does a name (env var, ConfigMap key) denote a secret value? Shared by the rules that look for
 * credentials committed in plain text.
 *
 * The principle: in an English compound name the head noun is the last word, so `DB_PASSWORD` is a
 * password while `DB_PASSWORD_FILE` is a file, `TOKEN_URL` a URL, `SECRET_NAME` a name,
 * `ACCESS_KEY_ID` an id and `TOKEN_TTL` a duration. A name is secret when its last word (or last
 * two, for `API_KEY`-like terms) is a secret term, optionally followed by a word that only says how
 * the same secret is encoded (`_B64`, `_JSON`, `_PEM`, `_VALUE`, Rails' `SECRET_KEY_BASE`).
 * That one rule replaces an endless list of pointer suffixes (_FILE, _PATH, _DIR, _NAME, _REF, _ID,
 * _URL, _ENDPOINT, _TTL, _EXPIRY, _LENGTH, _ENABLED, ...).
 */

/** Terms that are a secret on their own. PWD is left out: it is the shell's working directory. */
const SECRET_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS', 'CREDS',
  'APIKEY', 'ACCESSKEY', 'SECRETKEY', 'PRIVATEKEY',
]);

/** `<word>_KEY` terms that are a secret; a bare `KEY` is not (CACHE_KEY, PARTITION_KEY, REDIS_KEY_PREFIX). */
const KEY_QUALIFIERS = new Set(['API', 'ACCESS', 'PRIVATE', 'SECRET', 'SIGNING', 'ENCRYPTION', 'ACCOUNT', 'LICENSE', 'AUTH', 'SSH', 'MASTER']);

/** Trailing words that still name the secret itself, only encoded or packaged differently. */
const ENCODING_SUFFIXES = new Set(['VALUE', 'B64', 'BASE64', 'ENCODED', 'JSON', 'PEM', 'BASE', 'RAW', 'PLAIN', 'PLAINTEXT']);

/** A word before the term that makes it a quantity: MAX_TOKEN, NUM_TOKEN (LLM settings). */
const QUANTITY_WORDS = new Set(['MAX', 'MIN', 'NUM', 'NUMBER', 'COUNT']);

/** Words before SECRET that make it the name of a Kubernetes Secret object: IMAGE_PULL_SECRET, TLS_SECRET. */
const SECRET_OBJECT_WORDS = new Set(['PULL', 'TLS', 'K8S', 'KUBE', 'KUBERNETES', 'SEALED', 'EXTERNAL']);

/** Well-known names that contain a secret term but hold no secret. */
const KNOWN_NOT_SECRET = new Set([
  // etcd: "initial cluster token" is a cluster identifier that prevents cross-cluster joins, not a credential.
  'ETCD_INITIAL_CLUSTER_TOKEN',
]);

/** `dbPassword`, `db-password`, `db.password`, `DB_PASSWORD` -> ['DB', 'PASSWORD']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toUpperCase());
}

/** True when the name denotes a secret value (see the module comment for the principle). */
export const isSecretName: (name: string) => boolean = memoizeByString(secretName);

function secretName(name: string): boolean {
  const words = nameWords(name);
  if (KNOWN_NOT_SECRET.has(words.join('_'))) return false;
  while (words.length > 1 && (ENCODING_SUFFIXES.has(words[words.length - 1]) || /^\d+$/.test(words[words.length - 1]))) words.pop();
  const head = words[words.length - 1];
  if (head === undefined) return false;
  const before = words.slice(0, -1);
  if (before.some((word) => QUANTITY_WORDS.has(word))) return false;
  // No innocent word ends in PASSWORD or PASSWD, so fused forms count too: PGPASSWORD, ROOTPASSWORD.
  if (SECRET_WORDS.has(head) || /PASS(?:WORD|WD)$/.test(head)) {
    const previous = before[before.length - 1];
    return !((head === 'SECRET' || head === 'SECRETS') && previous !== undefined && SECRET_OBJECT_WORDS.has(previous));
  }
  return head === 'KEY' && before.length > 0 && KEY_QUALIFIERS.has(before[before.length - 1]);
}

const FLAG_VALUES = new Set(['true', 'false', 'yes', 'no', 'on', 'off']);
/** `$(VAR)` (Kubernetes env expansion) or `${VAR}` (shell / app templating): the secret comes from elsewhere. */
const VARIABLE_REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_.-]*\)|\$\{[A-Za-z_][A-Za-z0-9_.:-]*\}/;

/**
 * True when a value under a secret-looking name is a literal that could be the secret: not empty,
 * not a boolean switch (REQUIRE_PASSWORD: "true"), not a reference to a variable.
 */
export function isLiteralSecretValue(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'string') return false;
  const text = value.trim();
  return text !== '' && !FLAG_VALUES.has(text.toLowerCase()) && !VARIABLE_REFERENCE.test(text);
}
