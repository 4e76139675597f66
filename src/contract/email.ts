// RFC 5321/6531: an ASCII dot-atom local part, or with SMTPUTF8 any non-ASCII letters as well, and a
// domain of dot-separated labels that may be internationalised (nodemailer sends both) ending in a
// top-level name of letters, so `a@example` (no top-level domain) is refused. Quoted local parts and
// IP-literal domains are legal but never seen in a resident's address, so they are refused.
const LOCAL_ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\u0080-\\u{10FFFF}-]+";
const DOMAIN_LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\p{M}-]{0,61}[\\p{L}\\p{N}\\p{M}])?';
const EMAIL = new RegExp(`^${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*@(?:${DOMAIN_LABEL}\\.)+\\p{L}[\\p{L}\\p{M}-]*\\p{L}$`, 'u');

/**
 * The one rule for an email address, wherever it comes from (the recipient form's schema, a roster file):
 * the address as stored (NFC, lower case), or null when it is not one Packroom can send to. Here rather
 * than in src/domain because the contract's schemas use it too, and the contract imports nothing from src/.
 */
export function emailAddress(text: string): string | null {
  const email = text.trim().normalize('NFC').toLowerCase();
  return email.length <= 254 && email.indexOf('@') <= 64 && EMAIL.test(email) ? email : null;
}
